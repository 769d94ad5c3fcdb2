package io.switchboard.outbound;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP range in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address is a range of one. */
record AddressRange(BigInteger first, BigInteger last, int bytes) {

  static AddressRange parse(String cidr) {
    String[] parts = cidr.strip().split("/", 2);
    InetAddress address;
    try {
      address = InetAddress.getByName(parts[0]); // an IP literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP range: " + cidr);
    }
    byte[] raw = address.getAddress();
    int bits = raw.length * 8;
    int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("not an IP range: " + cidr);
    }
    BigInteger value = new BigInteger(1, raw);
    BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    BigInteger first = value.andNot(hostMask);
    return new AddressRange(first, first.or(hostMask), raw.length);
  }

  static boolean isLiteral(String value) {
    String host = value.strip().split("/", 2)[0];
    return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  boolean contains(InetAddress address) {
    byte[] raw = address.getAddress();
    if (raw.length != bytes) {
      return false;
    }
    BigInteger value = new BigInteger(1, raw);
    return value.compareTo(first) >= 0 && value.compareTo(last) <= 0;
  }
}
