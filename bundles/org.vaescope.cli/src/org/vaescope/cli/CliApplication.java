package org.vaescope.cli;

import java.util.Map;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * The command line as an Eclipse application, for an installed IDE:
 * {@code eclipse -nosplash -consoleLog -application org.vaescope.cli COMMAND [ARGS]}. Returns the same exit
 * codes as {@code ./vaescope}.
 */
public final class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        Map<?, ?> arguments = context.getArguments();
        String[] args = (String[]) arguments.get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        return VaescopeCli.run(args == null ? new String[0] : args, System.out, System.err);
    }

    @Override
    public void stop() {
        // every command runs to its end in start(); there is nothing to interrupt
    }
}
