package org.vaescope.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line arguments of one command: {@code --name value} options and positional arguments. */
final class Args {

    /** A usage mistake; the message says which argument and what was expected. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Args() {
    }

    /** Parses {@code args}; options outside {@code known} are rejected, as are options without a value. */
    static Args parse(String[] args, Set<String> known) throws UsageException {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                parsed.positionals.add(arg);
                continue;
            }
            String name = arg.substring(2);
            if (!known.contains(name)) {
                throw new UsageException("unknown option --" + name + " (known: --" + String.join(", --", known) + ")");
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option --" + name + " needs a value");
            }
            parsed.options.put(name, args[++i]);
        }
        return parsed;
    }

    List<String> positionals() {
        return positionals;
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String required(String name) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException("option --" + name + " is required");
        }
        return value;
    }

    long longOption(String name, long fallback) throws UsageException {
        String value = options.get(name);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a whole number, got '" + value + "'");
        }
    }

    double doubleOption(String name, double fallback) throws UsageException {
        String value = options.get(name);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a number, got '" + value + "'");
        }
    }
}
