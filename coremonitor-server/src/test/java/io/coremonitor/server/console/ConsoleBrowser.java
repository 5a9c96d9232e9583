package io.coremonitor.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, never downloaded) driven by Selenium 4,
 * for the console's browser tests. Keeps every browser console message; {@link #assertNoConsoleErrors()} fails on
 * any error (a CSP violation, an uncaught exception, a failed request). {@link #screenshot(String)} saves the page
 * to the folder of the {@code console.screenshots} system property when it is set ({@code scripts/screenshots.sh}).
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    public static final Dimension DESKTOP = new Dimension(1280, 800);
    public static final Dimension PHONE = new Dimension(390, 844);
    public static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Records every toast the page shows from the moment it is opened: a toast lives 4 s, so a test that looks for one
     * after a slow step (an apply on a loaded machine) would otherwise find it gone.
     */
    private static final String RECORD_TOASTS = "if (!window.__cmToasts) { window.__cmToasts = [];"
        + " new MutationObserver(ms => ms.forEach(m => m.addedNodes.forEach(n => window.__cmToasts.push(n.textContent))))"
        + ".observe(document.getElementById('toasts'), {childList: true}); }";

    /** Chrome's error for a request dropped because the host's network interfaces changed (Docker bridges). */
    public static final String NETWORK_CHANGED = "net::ERR_NETWORK_CHANGED";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBrowser.class);

    private final ChromeDriver driver;
    private final String base;
    private final List<String> messages = new ArrayList<>();

    /** A browser at 1280x800 for the console served at {@code base} ({@code http://127.0.0.1:PORT}). */
    public ConsoleBrowser(String base) {
        requireAvailable();
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    /** The server's root URL ({@code http://127.0.0.1:PORT}) from its API base ({@code .../api/v1/}). */
    public static String rootOf(String apiBase) {
        return apiBase.replaceFirst("/api/v1/?$", "");
    }

    /**
     * Fails when {@code CI=true} and Chromium or its driver is missing; otherwise skips the test (with a WARN line).
     * Install them with {@code apt-get install chromium chromium-driver} ({@code .ci/run} does).
     */
    public static void requireAvailable() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String why = "no browser for the console tests: missing " + String.join(", ", missing);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + why);
        }
        LOG.warn("skipping: {}", why);
        Assumptions.abort(why);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens the console at a hash route: {@code open("#/stacks/ID")}; {@code open("")} is the dashboard. */
    public ConsoleBrowser open(String hash) {
        driver.get(base + "/" + hash);
        driver.executeScript(RECORD_TOASTS);
        return this;
    }

    /** Waits until a toast containing {@code text} was shown since the page was opened (it may be gone already). */
    public void awaitToast(String text) {
        await(d -> {
            Object seen = ((JavascriptExecutor) d).executeScript("return (window.__cmToasts || [])"
                + ".concat(Array.from(document.querySelectorAll('#toasts .toast')).map(t => t.textContent))");
            return seen instanceof List<?> list && list.stream().anyMatch(t -> String.valueOf(t).contains(text)) ? Boolean.TRUE : null;
        });
    }

    /** Changes the route without reloading the page. */
    public ConsoleBrowser go(String hash) {
        driver.executeScript("location.hash = arguments[0]", hash.startsWith("#") ? hash.substring(1) : hash);
        return this;
    }

    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    public WebElement find(By by) {
        return await(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** The element located by {@code css}, once visible. */
    public WebElement css(String css) {
        return find(By.cssSelector(css));
    }

    public WebElement clickable(By by) {
        return await(ExpectedConditions.elementToBeClickable(by));
    }

    public void click(String css) {
        clickable(By.cssSelector(css)).click();
    }

    /** Waits until {@code css} shows text containing {@code text}. */
    public void awaitText(String css, String text) {
        await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /**
     * Runs {@code navigate} and waits for {@code css}. Chromium aborts the requests under way when the machine's network
     * interfaces change ({@link #NETWORK_CHANGED}), which Docker does whenever a stack's network or a container's veth
     * is made, by this test or any other on the engine: when the wait times out after such an abort, the page is
     * loaded again (at most twice).
     */
    public void showRetrying(Runnable navigate, String css) {
        navigate.run();
        for (int reloads = 0;; reloads++) {
            try {
                await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)), Duration.ofSeconds(15));
                return;
            } catch (TimeoutException e) {
                if (reloads == 2 || consoleMessages().stream().noneMatch(m -> m.contains(NETWORK_CHANGED))) {
                    throw e;
                }
                driver.navigate().refresh();
                driver.executeScript(RECORD_TOASTS);
            }
        }
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return await(condition, WAIT);
    }

    public <T> T await(Function<WebDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout).withMessage(() -> "page: " + driver.getCurrentUrl()
            + "\nshowing: " + shownText() + "\nbrowser console: " + String.join("\n", consoleMessages())).until(condition);
    }

    /** The text of the page's main area (its first 1,500 characters), for failure messages. */
    private String shownText() {
        try {
            Object text = driver.executeScript("const m = document.getElementById('main');"
                + " return m ? m.innerText.slice(0, 1500) : document.body.innerText.slice(0, 1500);");
            return String.valueOf(text);
        } catch (RuntimeException e) {
            return "(cannot read the page: " + e.getMessage() + ")";
        }
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Every browser console message so far, {@code LEVEL message}. */
    public synchronized List<String> consoleMessages() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            messages.add(e.getLevel() + " " + e.getMessage());
        }
        return List.copyOf(messages);
    }

    /**
     * Fails when the browser console holds an error (SEVERE): uncaught exception, CSP violation, failed load. A request
     * Chrome dropped with {@code net::ERR_NETWORK_CHANGED} is not one: Chrome drops the requests in flight when the
     * host's network interfaces change, as they do whenever a test on this machine makes Docker add or remove a bridge.
     */
    public void assertNoConsoleErrors() {
        List<String> errors = consoleMessages().stream().filter(m -> m.startsWith(Level.SEVERE.getName()))
            .filter(m -> !m.contains(NETWORK_CHANGED)).collect(Collectors.toList());
        assertThat(errors).as("browser console errors").isEmpty();
    }

    /** Saves the page as {@code NAME.png} in the folder of {@code -Dconsole.screenshots=DIR}, when given. */
    public Optional<Path> screenshot(String name) {
        String dir = System.getProperty("console.screenshots", "");
        if (dir.isBlank()) {
            return Optional.empty();
        }
        try {
            Path out = Path.of(dir).resolve(name + ".png");
            Files.createDirectories(out.getParent());
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, out, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
