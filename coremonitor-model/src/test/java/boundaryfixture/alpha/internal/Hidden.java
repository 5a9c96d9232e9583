package boundaryfixture.alpha.internal;

/** An internal class of the fixture module {@code alpha}. */
public final class Hidden {

    public static String value() {
        return "hidden";
    }
}
