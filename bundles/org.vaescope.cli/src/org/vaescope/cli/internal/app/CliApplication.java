package org.vaescope.cli.internal.app;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.vaescope.cli.VaescopeCli;

/**
 * The command line as an Eclipse application ({@code -application org.vaescope.cli}), so an Eclipse
 * with VAEScope installed runs every command inside its own OSGi runtime, natives included.
 */
public final class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        return VaescopeCli.run(args == null ? new String[0] : args, System.out, System.err);
    }

    @Override
    public void stop() {
        // commands run to completion on the launching thread; nothing to interrupt
    }
}
