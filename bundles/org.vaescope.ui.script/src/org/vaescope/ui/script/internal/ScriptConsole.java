package org.vaescope.ui.script.internal;

import java.io.IOException;
import java.util.Arrays;

import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleManager;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.console.MessageConsoleStream;
import org.vaescope.ui.script.ScriptUi;

/** The console that script runs log to, one for the workbench. */
public final class ScriptConsole {

    private static final ScriptConsole INSTANCE = new ScriptConsole();

    private MessageConsole console;

    public static ScriptConsole get() {
        return INSTANCE;
    }

    /** The console, created and added to the console manager on first use. */
    public synchronized MessageConsole console() {
        if (console == null) {
            IConsoleManager manager = ConsolePlugin.getDefault().getConsoleManager();
            console = Arrays.stream(manager.getConsoles()).filter(c -> ScriptUi.CONSOLE_NAME.equals(c.getName()))
                    .filter(MessageConsole.class::isInstance).map(MessageConsole.class::cast).findFirst()
                    .orElseGet(() -> {
                        MessageConsole created = new MessageConsole(ScriptUi.CONSOLE_NAME, null);
                        manager.addConsoles(new IConsole[] {created});
                        return created;
                    });
        }
        return console;
    }

    /** Writes one line (thread-safe; the console shows it asynchronously). */
    public void println(String line) {
        try (MessageConsoleStream stream = console().newMessageStream()) {
            stream.println(line);
        } catch (IOException e) {
            // closing a console stream cannot lose the line already written
        }
    }

    public void error(String line) {
        println("ERROR " + line);
    }

    /** Brings the console to the front of the Console view. */
    public void show() {
        ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console());
    }
}
