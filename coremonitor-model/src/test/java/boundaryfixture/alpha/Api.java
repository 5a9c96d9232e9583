package boundaryfixture.alpha;

import boundaryfixture.alpha.internal.Hidden;

/** The fixture module {@code alpha}'s public class: it may use its own internals. */
public final class Api {

    public static String value() {
        return Hidden.value();
    }
}
