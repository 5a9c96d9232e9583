package io.coremonitor.server.internal.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A compose file given with {@code -f}, and the variables sent with it. */
final class Definitions {

    private static final Pattern REFERENCE = Pattern.compile("\\$+\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The text, and the name errors are reported against ({@code <stdin>} for {@code -}). */
    record Source(String label, String text) {
    }

    private Definitions() {
    }

    /** Reads {@code -f FILE} ({@code -} reads {@code stdin}) as UTF-8; exit 1 when it cannot be read. */
    static Source read(String file, Session s) {
        String label = file.equals("-") ? "<stdin>" : file;
        try {
            byte[] bytes = file.equals("-") ? s.stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new Source(label, text);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.FAILED, label + ": no such file");
        } catch (CharacterCodingException e) {
            throw new CliException(ExitCodes.FAILED, label + ": not UTF-8 text");
        } catch (IOException | InvalidPathException e) {
            throw new CliException(ExitCodes.FAILED, label + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * The variables sent for {@code ${VAR}} interpolation, like {@code docker compose} does it on the client: each
     * variable the text names ({@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, ...; not after {@code $$}, an
     * escaped dollar) that is set in the environment, then every {@code --var KEY=VALUE} (which wins). The rest of the
     * environment is not sent.
     */
    static Map<String, String> variables(String text, Map<String, String> env, List<String> vars) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            int dollars = 0;
            while (text.charAt(m.start() + dollars) == '$') {
                dollars++;
            }
            String name = m.group(1);
            if (dollars % 2 == 1 && env.containsKey(name)) {
                out.put(name, env.get(name));
            }
        }
        for (String v : vars) {
            int eq = v.indexOf('=');
            if (eq <= 0 || !NAME.matcher(v.substring(0, eq)).matches()) {
                throw CliException.usage("--var '" + v + "' is not KEY=VALUE (KEY: letters, digits and '_', not starting with "
                    + "a digit)");
            }
            out.put(v.substring(0, eq), v.substring(eq + 1));
        }
        return out;
    }
}
