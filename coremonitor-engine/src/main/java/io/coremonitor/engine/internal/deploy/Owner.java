package io.coremonitor.engine.internal.deploy;

/** A numeric owner written into tar entries, so that the middleware's user owns what is uploaded. */
record Owner(int uid, int gid) {

    static final Owner ROOT = new Owner(0, 0);

    /** Parses {@code uid:gid}. */
    static Owner parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new DeployFailedException("unexpected owner '" + text + "' (expected uid:gid)");
        }
        try {
            return new Owner(Integer.parseInt(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new DeployFailedException("unexpected owner '" + text + "' (expected uid:gid)", e);
        }
    }
}
