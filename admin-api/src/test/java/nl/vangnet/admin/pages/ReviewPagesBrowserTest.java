package nl.vangnet.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in real Chromium (Debian's {@code chromium} and {@code chromium-driver}, no downloads): log in, see the
 * due evaluation marked, record it through the form, see it move; and a wrong token. The browser can reach
 * nothing but loopback: every other destination goes to a proxy on 127.0.0.1:9 that is not there
 * ({@code <loopback>} bypasses the proxy for loopback only; Chromium's {@code <-loopback>} would send loopback to the
 * proxy too). Screenshots go to {@code target/screenshots}. Fails when Chromium is missing, unless
 * {@code VANGNET_TEST_BROWSER=skip}.
 */
class ReviewPagesBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private PagesWorld world;
    private WebDriver driver;
    private ChromeDriverService service;
    private Path profile;

    @BeforeEach
    void start() throws IOException {
        assumeFalse("skip".equals(System.getenv("VANGNET_TEST_BROWSER")),
                "VANGNET_TEST_BROWSER=skip: the Chromium test does not run");
        assertThat(new File(CHROMIUM).canExecute()).as(CHROMIUM + " (apt-get install chromium chromium-driver)").isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute()).as(CHROMEDRIVER + " (apt-get install chromium-driver)").isTrue();
        world = new PagesWorld();
        world.start();
        profile = Files.createTempDirectory("vangnet-chromium");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,800", "--proxy-server=127.0.0.1:9",
                "--proxy-bypass-list=<loopback>", "--user-data-dir=" + profile, "--lang=nl");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (world != null) {
            world.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    private void login(String token) {
        driver.get(world.base() + "/review");
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/login"));
        driver.findElement(By.cssSelector("label[for=toegangssleutel]")).click();
        driver.switchTo().activeElement().sendKeys(token);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    }

    @Test
    void logInSeeTheDueEvaluationRecordItAndSeeItMove() throws IOException {
        login("vgn_expert");
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith("/review"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Beoordeling van beperkingen");
        long id = world.registrations.get("C-0001");
        WebElement row = driver.findElement(By.id("registratie-" + id));
        assertThat(row.findElement(By.cssSelector("td.evaluation")).getText()).isEqualTo("2 juni 2026 binnenkort");
        js().executeScript("arguments[0].scrollIntoView()", row);
        screenshot("review-before");

        row.findElement(By.cssSelector("a[href$='/evaluation']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith("/evaluation"));
        driver.findElement(By.cssSelector("label[for=uitkomst-CONTINUE]")).click();
        WebElement next = driver.findElement(By.id("volgende"));
        // the date picker's keyboard format follows the browser's locale; the value is what the form posts
        js().executeScript("arguments[0].value = '2026-08-20'", next);
        driver.findElement(By.id("notities")).sendKeys("Werkt; minder incidenten.");
        screenshot("evaluation-form");
        driver.findElement(By.cssSelector("form[action$=evaluation] button[type=submit]")).click();

        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/review#"));
        assertThat(driver.findElement(By.cssSelector(".flash")).getText())
                .isEqualTo("Evaluatie van C-0001 vastgelegd. Volgende evaluatie: 20 augustus 2026.");
        WebElement moved = driver.findElement(By.id("registratie-" + id));
        assertThat(moved.findElement(By.cssSelector("td.evaluation")).getText()).isEqualTo("20 augustus 2026");
        assertThat(moved.findElements(By.cssSelector("td.evaluation .mark"))).isEmpty();
        js().executeScript("arguments[0].scrollIntoView()", moved);
        screenshot("review-after");
        assertThat(world.registration("C-0001").evaluations()).hasSize(1);
    }

    @Test
    void aWrongTokenShowsTheMessage() throws IOException {
        login("vgn_not-a-token");
        WebElement alert = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.cssSelector("[role=alert]")));
        assertThat(alert.getText()).contains("Deze toegangssleutel klopt niet");
        assertThat(driver.getCurrentUrl()).endsWith("/login");
        screenshot("login-wrong-token");
    }
}
