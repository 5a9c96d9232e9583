package io.coremonitor.engine.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.store.SealedValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final byte[] PLAIN = "s3cr3t-value".getBytes(StandardCharsets.UTF_8);

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private final SecretCipher cipher = new SecretCipher(key(1));

    @Test
    void roundTripWithAFreshNonceEachTime() throws Exception {
        SealedValue one = cipher.seal("secret:a", PLAIN);
        SealedValue two = cipher.seal("secret:a", PLAIN);

        assertThat(cipher.open("secret:a", one)).isEqualTo(PLAIN);
        assertThat(cipher.open("secret:a", two)).isEqualTo(PLAIN);
        assertThat(one.nonce()).hasSize(SecretCipher.NONCE_BYTES).isNotEqualTo(two.nonce());
        assertThat(one.ciphertext()).hasSize(PLAIN.length + 16).isNotEqualTo(two.ciphertext());
        assertThat(one.keyId()).isEqualTo(cipher.keyId());
    }

    @Test
    void theKeyIdIsAStableFingerprint() {
        assertThat(cipher.keyId()).matches("[0-9a-f]{16}").isEqualTo(new SecretCipher(key(1)).keyId());
        assertThat(new SecretCipher(key(2)).keyId()).isNotEqualTo(cipher.keyId());
    }

    @Test
    void aTamperedCiphertextOrNonceDoesNotDecrypt() {
        SealedValue sealed = cipher.seal("secret:a", PLAIN);
        byte[] ciphertext = sealed.ciphertext();
        ciphertext[0] ^= 1;
        byte[] nonce = sealed.nonce();
        nonce[11] ^= (byte) 0x80;

        assertThatThrownBy(() -> cipher.open("secret:a", new SealedValue(sealed.keyId(), sealed.nonce(), ciphertext)))
                .isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> cipher.open("secret:a", new SealedValue(sealed.keyId(), nonce, sealed.ciphertext())))
                .isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> cipher.open("secret:a", new SealedValue(sealed.keyId(), new byte[8], sealed.ciphertext())))
                .isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> cipher.open("secret:a", new SealedValue(sealed.keyId(), sealed.nonce(), new byte[3])))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void theAssociatedDataBindsTheCiphertextToItsName() {
        SealedValue sealed = cipher.seal("secret:a", PLAIN);

        assertThatThrownBy(() -> cipher.open("secret:b", sealed)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void anotherKeyDoesNotDecrypt() {
        SealedValue sealed = cipher.seal("secret:a", PLAIN);

        assertThatThrownBy(() -> new SecretCipher(key(2)).open("secret:a", sealed)).isInstanceOf(AEADBadTagException.class);
    }
}
