package boundaryfixture.beta;

import boundaryfixture.alpha.Api;

/** The fixture module {@code beta} going through {@code alpha}'s public API. */
public final class GoodUser {

    public static String value() {
        return Api.value();
    }
}
