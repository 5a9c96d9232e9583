package boundaryfixture.gamma;

import boundaryfixture.alpha.internal.Hidden;

/** The fixture module {@code gamma} reaching into {@code alpha}'s internals: what the rule refuses. */
public final class BadUser {

    public static String value() {
        return Hidden.value();
    }
}
