package dev.plume.internal.security;

import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.security.Password;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 / SCRAM-SHA-512 (RFC 5802, RFC 7677), without channel binding:
 * client-first, then client-final with the proof, then verification of the broker's signature, so a
 * server that does not know the password is detected too.
 */
final class ScramSaslClient implements SaslMechanismClient {

  /** Kafka's minimum; fewer iterations from a server would weaken the stored password. */
  static final int MIN_ITERATIONS = 4096;

  private enum Step {
    SEND_FIRST,
    AWAIT_SERVER_FIRST,
    AWAIT_SERVER_FINAL,
    DONE
  }

  private final String mechanism;
  private final String hmac;
  private final String pbkdf2;
  private final String digest;
  private final int keyBits;
  private final String username;
  private final Password password;
  private final String clientNonce;

  private Step step = Step.SEND_FIRST;
  private String clientFirstBare;
  private byte[] expectedServerSignature;

  ScramSaslClient(String mechanism, String username, Password password) {
    this(mechanism, username, password, randomNonce());
  }

  /** With a fixed nonce, for the RFC test vectors. */
  ScramSaslClient(String mechanism, String username, Password password, String clientNonce) {
    this.mechanism = mechanism;
    switch (mechanism) {
      case "SCRAM-SHA-256" -> {
        hmac = "HmacSHA256";
        pbkdf2 = "PBKDF2WithHmacSHA256";
        digest = "SHA-256";
        keyBits = 256;
      }
      case "SCRAM-SHA-512" -> {
        hmac = "HmacSHA512";
        pbkdf2 = "PBKDF2WithHmacSHA512";
        digest = "SHA-512";
        keyBits = 512;
      }
      default -> throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
    }
    this.username = username;
    this.password = password;
    this.clientNonce = clientNonce;
  }

  private static String randomNonce() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String mechanism() {
    return mechanism;
  }

  @Override
  public byte[] initialResponse() {
    if (step != Step.SEND_FIRST) {
      throw new IllegalStateException("the SCRAM exchange has already started");
    }
    clientFirstBare = "n=" + saslName(username) + ",r=" + clientNonce;
    step = Step.AWAIT_SERVER_FIRST;
    return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] evaluate(byte[] challenge) {
    String message = new String(challenge, StandardCharsets.UTF_8);
    return switch (step) {
      case AWAIT_SERVER_FIRST -> clientFinal(message);
      case AWAIT_SERVER_FINAL -> {
        verifyServerFinal(message);
        step = Step.DONE;
        yield null;
      }
      default -> throw new IllegalStateException("unexpected SCRAM message in step " + step);
    };
  }

  private byte[] clientFinal(String serverFirst) {
    Map<String, String> fields = parse(serverFirst);
    String nonce = fields.get("r");
    String salt = fields.get("s");
    String iterationsText = fields.get("i");
    if (nonce == null || salt == null || iterationsText == null) {
      throw new AuthenticationException(
          mechanism + ": malformed server-first message (missing r, s or i)");
    }
    if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
      throw new AuthenticationException(mechanism + ": the server nonce does not extend ours");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(iterationsText);
    } catch (NumberFormatException e) {
      throw new AuthenticationException(mechanism + ": invalid iteration count");
    }
    if (iterations < MIN_ITERATIONS) {
      throw new AuthenticationException(
          mechanism + ": iteration count " + iterations + " is below " + MIN_ITERATIONS);
    }
    try {
      byte[] saltedPassword = hi(Base64.getDecoder().decode(salt), iterations);
      byte[] clientKey = hmac(saltedPassword, "Client Key");
      byte[] storedKey = MessageDigest.getInstance(digest).digest(clientKey);
      String withoutProof = "c=biws,r=" + nonce;
      String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
      byte[] clientSignature = hmac(storedKey, authMessage);
      byte[] proof = new byte[clientKey.length];
      for (int i = 0; i < proof.length; i++) {
        proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
      }
      expectedServerSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage);
      step = Step.AWAIT_SERVER_FINAL;
      return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
          .getBytes(StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new AuthenticationException(mechanism + ": cannot compute the proof: " + e, e);
    }
  }

  private void verifyServerFinal(String serverFinal) {
    Map<String, String> fields = parse(serverFinal);
    if (fields.containsKey("e")) {
      throw new AuthenticationException(mechanism + " failed: " + fields.get("e"));
    }
    String verifier = fields.get("v");
    byte[] signature;
    try {
      signature = verifier == null ? null : Base64.getDecoder().decode(verifier);
    } catch (IllegalArgumentException e) {
      signature = null;
    }
    if (signature == null || !MessageDigest.isEqual(signature, expectedServerSignature)) {
      throw new AuthenticationException(
          mechanism + ": the broker's signature is wrong; it does not know the password");
    }
  }

  @Override
  public boolean isComplete() {
    return step == Step.DONE;
  }

  private byte[] hi(byte[] salt, int iterations) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(password.chars(), salt, iterations, keyBits);
    try {
      return SecretKeyFactory.getInstance(pbkdf2).generateSecret(spec).getEncoded();
    } finally {
      spec.clearPassword();
    }
  }

  private byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
    Mac mac = Mac.getInstance(hmac);
    mac.init(new SecretKeySpec(key, hmac));
    return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 5802 saslname: '=' and ',' escaped. */
  static String saslName(String name) {
    return name.replace("=", "=3D").replace(",", "=2C");
  }

  private static Map<String, String> parse(String message) {
    Map<String, String> fields = new HashMap<>();
    for (String part : message.split(",")) {
      if (part.length() >= 2 && part.charAt(1) == '=') {
        fields.putIfAbsent(part.substring(0, 1), part.substring(2));
      }
    }
    return fields;
  }
}
