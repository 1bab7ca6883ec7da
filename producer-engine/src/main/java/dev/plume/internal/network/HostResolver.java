package dev.plume.internal.network;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a broker host name; swapped in tests. */
@FunctionalInterface
public interface HostResolver {

  InetAddress[] resolve(String host) throws UnknownHostException;

  /** {@link InetAddress#getAllByName}, honouring the JVM's DNS cache settings. */
  static HostResolver system() {
    return InetAddress::getAllByName;
  }
}
