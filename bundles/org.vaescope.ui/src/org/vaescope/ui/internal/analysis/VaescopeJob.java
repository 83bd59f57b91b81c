package org.vaescope.ui.internal.analysis;

import org.eclipse.core.runtime.jobs.Job;
import org.vaescope.ui.VaescopeUi;

/** A background job of VAEScope: belongs to {@link VaescopeUi#JOB_FAMILY}, so tests and shutdown can join them all. */
public abstract class VaescopeJob extends Job {

    protected VaescopeJob(String name, boolean user) {
        super(name);
        setUser(user);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == VaescopeUi.JOB_FAMILY;
    }
}
