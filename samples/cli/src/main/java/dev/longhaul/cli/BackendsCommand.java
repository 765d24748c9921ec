package dev.longhaul.cli;

import dev.longhaul.backend.BackendProvider;
import dev.longhaul.backend.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code longhaul backends}: lists the backend providers on the class path. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the backend providers found on the class path (name and implementing class).")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (BackendProvider p : Backends.discover().providers()) {
            spec.commandLine().getOut().printf("%-14s %s%n", p.name(), p.getClass().getName());
        }
        return 0;
    }
}
