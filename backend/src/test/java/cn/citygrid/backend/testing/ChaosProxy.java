package cn.citygrid.backend.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy that mistreats the first exchange of a share of its connections: it drops or truncates
 * the request or the response, delays it, holds it back until a later connection has overtaken it
 * (reordering), or sends the request to the server a second time on a connection of its own
 * (duplicating). The target port can change while it runs (a restarted server); while nothing
 * listens there, connections are closed at once, as a phone sees a server that is down.
 */
public final class ChaosProxy implements AutoCloseable {
  /** What can happen to a connection's first exchange. */
  public enum Fault { DROP_REQUEST, TRUNCATE_REQUEST, DROP_RESPONSE, TRUNCATE_RESPONSE, DELAY, HOLD_BACK, DUPLICATE }

  private static final int CHUNK = 16 * 1024;

  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "chaos-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Random random;
  /** Faults are dealt from a shuffled deck, so every kind comes up once in each run of seven faulted connections. */
  private final List<Fault> deck = new ArrayList<>();
  private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
  private final AtomicReference<CountDownLatch> nextConnection = new AtomicReference<>(new CountDownLatch(1));
  private volatile int targetPort;
  private volatile double faultRate;

  public ChaosProxy(int targetPort, double faultRate, long seed) throws IOException {
    this.targetPort = targetPort;
    this.faultRate = faultRate;
    this.random = new Random(seed);
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicInteger());
    }
    listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  public int port() {
    return listener.getLocalPort();
  }

  public void retarget(int port) {
    targetPort = port;
  }

  /** 0 turns the chaos off (every connection passes untouched). */
  public void faultRate(double rate) {
    faultRate = rate;
  }

  /** How often each fault was injected so far. */
  public Map<Fault, Integer> injected() {
    Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
    injected.forEach((f, n) -> counts.put(f, n.get()));
    return counts;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        nextConnection.getAndSet(new CountDownLatch(1)).countDown();
        Fault fault = pick();
        threads.execute(() -> serve(client, fault));
      } catch (IOException e) {
        return;
      }
    }
  }

  private synchronized Fault pick() {
    if (random.nextDouble() >= faultRate) {
      return null;
    }
    if (deck.isEmpty()) {
      deck.addAll(List.of(Fault.values()));
      Collections.shuffle(deck, random);
    }
    Fault f = deck.remove(deck.size() - 1);
    injected.get(f).incrementAndGet();
    return f;
  }

  /** Whether each kind of fault has been injected at least once. */
  public boolean everyFaultInjected() {
    return injected.values().stream().allMatch(n -> n.get() > 0);
  }

  private synchronized int randomInt(int bound) {
    return random.nextInt(bound);
  }

  private void serve(Socket client, Fault fault) {
    Socket server;
    try {
      server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
    } catch (IOException down) {
      closeQuietly(client);
      return;
    }
    try {
      InputStream fromClient = client.getInputStream();
      OutputStream toServer = server.getOutputStream();
      InputStream fromServer = server.getInputStream();
      OutputStream toClient = client.getOutputStream();
      if (fault == Fault.DELAY) {
        Thread.sleep(50 + randomInt(450));
      } else if (fault == Fault.HOLD_BACK) {
        nextConnection.get().await(2, TimeUnit.SECONDS);
      }
      byte[] first = new byte[CHUNK];
      int n = fromClient.read(first);
      if (n <= 0 || fault == Fault.DROP_REQUEST) {
        throw new IOException("dropped");
      }
      if (fault == Fault.TRUNCATE_REQUEST) {
        toServer.write(first, 0, Math.max(1, n / 2));
        toServer.flush();
        throw new IOException("truncated");
      }
      toServer.write(first, 0, n);
      toServer.flush();
      ByteArrayOutputStream sent = fault == Fault.DUPLICATE ? new ByteArrayOutputStream() : null;
      if (sent != null) {
        sent.write(first, 0, n);
      }
      CountDownLatch answered = new CountDownLatch(1);
      threads.execute(() -> pipeUpstream(fromClient, toServer, sent, answered, client, server));
      byte[] reply = new byte[CHUNK];
      int m = fromServer.read(reply);
      if (sent != null) {
        byte[] request;
        synchronized (sent) {
          request = sent.toByteArray();
        }
        threads.execute(() -> replay(request));
      }
      answered.countDown();
      if (m <= 0 || fault == Fault.DROP_RESPONSE) {
        throw new IOException("response dropped");
      }
      if (fault == Fault.TRUNCATE_RESPONSE) {
        toClient.write(reply, 0, Math.max(1, m / 2));
        toClient.flush();
        throw new IOException("response truncated");
      }
      toClient.write(reply, 0, m);
      toClient.flush();
      fromServer.transferTo(toClient);
    } catch (IOException | InterruptedException e) {
      // The fault itself, or one side went away: either way both sides are closed.
    } finally {
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  /** Client to server; until the first answer arrives, a duplicated connection also keeps what it sent. */
  private static void pipeUpstream(InputStream in, OutputStream out, ByteArrayOutputStream sent, CountDownLatch answered,
      Socket client, Socket server) {
    byte[] buffer = new byte[CHUNK];
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        out.flush();
        if (sent != null && answered.getCount() > 0) {
          synchronized (sent) {
            sent.write(buffer, 0, n);
          }
        }
      }
    } catch (IOException e) {
      // closed
    } finally {
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  /** Sends the same request bytes again and throws the answer away. */
  private void replay(byte[] request) {
    try (Socket again = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
      again.setSoTimeout(30_000);
      again.getOutputStream().write(request);
      again.getOutputStream().flush();
      again.shutdownOutput();
      again.getInputStream().transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the copy is best effort, like the network's
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    threads.shutdownNow();
  }
}
