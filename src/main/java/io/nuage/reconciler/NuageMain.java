package io.nuage.reconciler;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import io.nuage.simulator.SimulatedCluster;
import io.nuage.simulator.SimulatorSettings;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The jar's entry point. Without arguments it starts Nuage. With {@code simulated-cluster} it starts only the
 * simulated cluster, in a process of its own, before Quarkus boots (so no database, no API): a benchmark can then
 * measure Nuage's heap and CPU apart from the simulator's, which grow with every object the cluster holds. Nuage
 * reaches it with {@code nuage.cluster.mode=kubeconfig} and {@code KUBECONFIG} set to the file it writes.
 */
@QuarkusMain
public final class NuageMain {

    static final String SIMULATED_CLUSTER = "simulated-cluster";
    static final String USAGE = "usage: java -jar quarkus-run.jar simulated-cluster --kubeconfig FILE [--port N] [--instant]";

    private NuageMain() {
    }

    public static void main(String... args) throws InterruptedException {
        if (args.length == 0 || !SIMULATED_CLUSTER.equals(args[0])) {
            Quarkus.run(args);
            return;
        }
        Options options;
        try {
            options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        SimulatedCluster cluster = SimulatedCluster.start(options.settings(), options.kubeconfig());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "simulated-cluster-stop"));
        // The line a script or a benchmark waits for: the kubeconfig is written and the API answers.
        System.out.println("simulated cluster ready: " + cluster.url() + " kubeconfig " + options.kubeconfig().toAbsolutePath());
        stopped.await();
    }

    /** The command line of {@code simulated-cluster}: where to write the kubeconfig, the port, and no delays. */
    record Options(Path kubeconfig, int port, boolean instant) {

        static Options parse(String[] args) {
            Path kubeconfig = null;
            int port = 0;
            boolean instant = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--kubeconfig" -> kubeconfig = Path.of(value(args, ++i, "--kubeconfig"));
                    case "--port" -> port = port(value(args, ++i, "--port"));
                    case "--instant" -> instant = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (kubeconfig == null) {
                throw new IllegalArgumentException("--kubeconfig is required: the file Nuage reads as KUBECONFIG");
            }
            return new Options(kubeconfig, port, instant);
        }

        SimulatorSettings settings() {
            return (instant ? SimulatorSettings.instant() : SimulatorSettings.defaults()).withPort(port);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException notANumber) {
                // answered below
            }
            throw new IllegalArgumentException("--port must be 0 to 65535, not '" + value + "'");
        }
    }
}
