package nl.vangnet.app.firewall;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs {@code <nft> -f -} as a child process with the script on standard input, waits at most {@code timeout},
 * and turns a non-zero exit into an {@link IOException} carrying nft's error lines. Because nft echoes the
 * offending script line, which can hold a device's address, the message keeps only nft's {@code Error:} lines and
 * replaces anything that looks like an IP or MAC address with {@code <address>}. Thread-safe (stateless).
 *
 * @param command the nft command ({@code firewall.nft}), run through the {@code PATH} unless it is a path
 * @param timeout how long nft may take before it is killed
 */
public record ProcessNftCommand(String command, Duration timeout) implements NftCommand {
    /** The timeout {@code Vangnet} uses. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_MESSAGE = 500;
    private static final Pattern ADDRESS = Pattern.compile(
            "\\b\\d{1,3}(\\.\\d{1,3}){3}(/\\d+)?\\b|\\b[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}\\b"
                    + "|(?<![\\w:])[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(/\\d+)?(?![\\w:])");

    public ProcessNftCommand {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void run(String script) throws IOException {
        Process process = new ProcessBuilder(command, "-f", "-").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // nft exited before reading all of it; its exit code and message below say why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish within " + timeout.toSeconds() + " s");
            }
            String message = stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (process.exitValue() != 0) {
                throw new IOException(command + " exited with " + process.exitValue() + ": " + errorLines(message));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the error output of " + command, e);
        }
    }

    /** nft's {@code Error:} lines (all lines if none has that marker), addresses redacted, bounded in length. */
    static String errorLines(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> errors = lines.stream().filter(l -> l.contains("Error:"))
                .map(l -> l.substring(l.indexOf("Error:"))).toList();
        String text = (errors.isEmpty() ? lines : errors).stream().distinct().collect(Collectors.joining("; "));
        text = ADDRESS.matcher(text).replaceAll("<address>");
        if (text.isEmpty()) {
            return "(no message)";
        }
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
