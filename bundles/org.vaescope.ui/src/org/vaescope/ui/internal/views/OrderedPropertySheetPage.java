package org.vaescope.ui.internal.views;

import org.eclipse.ui.views.properties.IPropertySheetEntry;
import org.eclipse.ui.views.properties.PropertySheetPage;
import org.eclipse.ui.views.properties.PropertySheetSorter;

/** A Properties page that keeps the order the property source gives (label first, then numbers). */
public final class OrderedPropertySheetPage extends PropertySheetPage {

    public OrderedPropertySheetPage() {
        setSorter(new PropertySheetSorter() {
            @Override
            public int compare(IPropertySheetEntry a, IPropertySheetEntry b) {
                return 0;
            }
        });
    }
}
