package dev.crmsuite.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the suite's processes to listen on, picked below the kernel's ephemeral range. A port
 * the OS hands out as "free" ({@code new ServerSocket(0)}) comes from that range, which every outgoing
 * connection (JDBC, Kafka clients) also draws from: between picking it and a service binding it, a
 * client socket took it (customer-service's management port, "Address already in use"). Outgoing
 * connections never use a port below the range, so one picked there stays free for the listener.
 */
final class ListenPorts {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private ListenPorts() {
    }

    static synchronized int next() throws IOException {
        int below = Math.min(ephemeralLow(), 32768);
        int from = 15000;
        for (int attempt = 0; attempt < 500; attempt++) {
            int candidate = from + ThreadLocalRandom.current().nextInt(below - from);
            if (HANDED_OUT.contains(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(candidate));
                HANDED_OUT.add(candidate);
                return candidate;
            } catch (IOException busy) {
                // taken by someone else: try another
            }
        }
        throw new IOException("no free port between " + from + " and " + below);
    }

    /** The low end of Linux's ephemeral port range; 32768 where it cannot be read. */
    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > 16000 ? low : 32768;
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
