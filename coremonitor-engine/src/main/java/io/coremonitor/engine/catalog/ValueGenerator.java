package io.coremonitor.engine.catalog;

import java.security.SecureRandom;
import java.util.Random;

/** Makes the values of parameters declared {@code generate: password} or {@code generate: hex:N}. */
public interface ValueGenerator {

    /** The value {@code spec} asks for. */
    String generate(Generate spec);

    /** Values from a {@link SecureRandom}: what a server uses. */
    static ValueGenerator secure() {
        return of(new SecureRandom());
    }

    /** Values from a {@link Random} seeded with {@code seed}: the same sequence every time, for tests. */
    static ValueGenerator seeded(long seed) {
        return of(new Random(seed));
    }

    private static ValueGenerator of(Random random) {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        String hex = "0123456789abcdef";
        return spec -> {
            String alphabet = spec.kind() == Generate.Kind.PASSWORD ? letters : hex;
            StringBuilder value = new StringBuilder(spec.length());
            synchronized (random) {
                for (int i = 0; i < spec.length(); i++) {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            return value.toString();
        };
    }
}
