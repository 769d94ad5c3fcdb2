package io.switchboard.egress;

/** The platform refused the message for good (chat not found, bot blocked, bad request): dead-lettered at once. */
public class PermanentDeliveryException extends RuntimeException {

  public PermanentDeliveryException(String reason) {
    super(reason);
  }
}
