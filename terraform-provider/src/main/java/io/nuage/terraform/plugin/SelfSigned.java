package io.nuage.terraform.plugin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The plugin's own certificate for automatic mutual TLS: a fresh P-256 key and a self-signed certificate for
 * {@code localhost} (Terraform checks that name, and trusts this certificate alone, from the handshake line).
 * Written in DER directly: the JDK has no public API to issue a certificate, and a library for it costs start-up time.
 */
public record SelfSigned(KeyPair keys, X509Certificate certificate) {

    private static final byte[] ECDSA_SHA256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final byte[] SUBJECT_ALT_NAME = {0x06, 0x03, 0x55, 0x1D, 0x11};
    private static final byte[] BASIC_CONSTRAINTS = {0x06, 0x03, 0x55, 0x1D, 0x13};
    private static final byte[] KEY_USAGE = {0x06, 0x03, 0x55, 0x1D, 0x0F};
    private static final byte[] EXT_KEY_USAGE = {0x06, 0x03, 0x55, 0x1D, 0x25};
    private static final byte[] SERVER_AUTH = {0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01};
    private static final byte[] CLIENT_AUTH = {0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02};
    private static final byte[] TRUE = {0x01, 0x01, (byte) 0xFF};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    public static SelfSigned localhost() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        serial[0] = (byte) (serial[0] & 0x3F | 0x40); // positive, and minimal: no leading zero byte
        byte[] name = der(0x30, der(0x31, der(0x30, COMMON_NAME, der(0x0C, ascii("localhost")))));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] extensions = der(0x30,
                der(0x30, SUBJECT_ALT_NAME, der(0x04, der(0x30, der(0x82, ascii("localhost"))))),
                der(0x30, BASIC_CONSTRAINTS, TRUE, der(0x04, der(0x30, TRUE))),
                // digitalSignature and keyCertSign: bits 0 and 5, the last two bits of the byte unused.
                der(0x30, KEY_USAGE, TRUE, der(0x04, der(0x03, new byte[] {0x02, (byte) 0x84}))),
                der(0x30, EXT_KEY_USAGE, der(0x04, der(0x30, SERVER_AUTH, CLIENT_AUTH))));
        byte[] tbs = der(0x30,
                der(0xA0, der(0x02, new byte[] {0x02})),
                der(0x02, serial),
                der(0x30, ECDSA_SHA256),
                name,
                der(0x30, der(0x17, ascii(UTC_TIME.format(now.minusMinutes(1)))),
                        der(0x17, ascii(UTC_TIME.format(now.plusYears(10))))),
                name,
                keys.getPublic().getEncoded(),
                der(0xA3, extensions));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] certificate = der(0x30, tbs, der(0x30, ECDSA_SHA256), der(0x03, bits));
        return new SelfSigned(keys, (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate)));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A DER element: tag, definite length, then the parts' bytes. */
    static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
