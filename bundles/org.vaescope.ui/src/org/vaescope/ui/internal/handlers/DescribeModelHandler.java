package org.vaescope.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.vaescope.ui.internal.DescribeModelJob;

/** "Describe Structure" on a model file: lists its layers, from a background job. */
public class DescribeModelHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        ModelFileSelection.ifOneFile(event, (file, window) -> new DescribeModelJob(file, window).schedule());
        return null;
    }
}
