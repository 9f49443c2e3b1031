package dev.migrationreview.github;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads an App's private key in either PEM form GitHub users meet: PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, what GitHub downloads) or PKCS#8 ({@code BEGIN PRIVATE KEY}).
 * Errors never echo the key.
 */
public final class PrivateKeys {

    private static final String PKCS1 = "RSA PRIVATE KEY";
    private static final String PKCS8 = "PRIVATE KEY";
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }, the fixed part PKCS#8 adds around a PKCS#1 RSA key. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PrivateKeys() {}

    public static PrivateKey parse(String pem) {
        String label = label(pem);
        byte[] der = body(pem, label);
        byte[] pkcs8 = switch (label) {
            case PKCS1 -> wrapPkcs1(der);
            case PKCS8 -> der;
            default -> throw new IllegalArgumentException("private key: expected a PEM 'RSA PRIVATE KEY' (PKCS#1) or "
                    + "'PRIVATE KEY' (PKCS#8) block, found '" + label + "'");
        };
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("private key: not a valid RSA key (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String label(String pem) {
        int begin = pem.indexOf("-----BEGIN ");
        int end = begin < 0 ? -1 : pem.indexOf("-----", begin + 11);
        if (end < 0) {
            throw new IllegalArgumentException("private key: no PEM '-----BEGIN ...-----' line found");
        }
        return pem.substring(begin + 11, end).strip();
    }

    private static byte[] body(String pem, String label) {
        String header = "-----BEGIN " + label + "-----";
        String footer = "-----END " + label + "-----";
        int start = pem.indexOf(header) + header.length();
        int stop = pem.indexOf(footer, start);
        if (stop < 0) {
            throw new IllegalArgumentException("private key: missing '" + footer + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(start, stop));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("private key: the PEM body is not valid base64");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING (the PKCS#1 key) }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        var content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM);
        content.write(0x04);
        writeLength(content, pkcs1.length);
        content.writeBytes(pkcs1);
        var sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        writeLength(sequence, content.size());
        sequence.writeBytes(content.toByteArray());
        return sequence.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((length >>> shift) & 0xff);
        }
    }
}
