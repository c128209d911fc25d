using Microsoft.Playwright;
using RunLens.Interactive.Tests.Frames;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Interactive.Tests.Browser;

/// <summary>
/// Pages DataFrame displays in Debian's chromium (never a downloaded browser). Without /usr/bin/chromium the test says
/// SKIPPED and returns, except on CI (CI=true), where it fails.
/// </summary>
public class PagedTableBrowserTests(ITestOutputHelper output)
{
    private const string Next = "button[data-page='next']";
    private const string Last = "button[data-page='last']";

    [Fact]
    public async Task Two_tables_and_one_table_shown_twice_page_independently_offline_without_errors()
    {
        await using var browser = await ChromiumPage.OpenAsync(output, 1100, 900);
        if (browser is null)
            return;
        var big = DataFrameDisplayTests.Frame(10_000).ToPagedTable().ToHtml();
        var other = DataFrameDisplayTests.Frame(60).ToPagedTable().ToHtml();
        using var temp = new TempDir();
        // The page a notebook makes: outputs one after another; the big table's output appears twice.
        var path = temp.Write("tables.html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>tables</title></head><body>"
            + "<div class=\"output\">" + big + "</div><div class=\"output\">" + other + "</div><div class=\"output\">" + big + "</div></body></html>");
        var page = browser.Page;
        var url = new Uri(path).AbsoluteUri;
        await page.GotoAsync(url);
        // A notebook front end inserting the same output again later and running its scripts, as Jupyter does.
        await page.EvaluateAsync("""
            () => {
              const copy = document.querySelector('.output').cloneNode(true);
              copy.querySelector('.runlens-table').removeAttribute('data-runlens-state');
              copy.querySelector('.runlens-pager').replaceChildren();
              document.body.appendChild(copy);
              for (const old of copy.querySelectorAll('script:not([type])')) {
                const script = document.createElement('script');
                script.textContent = old.textContent;
                old.replaceWith(script);
              }
            }
            """);
        var tables = page.Locator(".runlens-table");
        Assert.Equal(4, await tables.CountAsync());
        Assert.Equal(["ready", "ready", "ready", "ready"],
            await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.runlens-table')].map(t => t.getAttribute('data-runlens-state'))"));

        await tables.Nth(0).Locator(Next).ClickAsync();
        await tables.Nth(2).Locator(Last).ClickAsync();
        await tables.Nth(3).Locator(Next).ClickAsync();
        await tables.Nth(3).Locator(Next).ClickAsync();

        Assert.Equal("page 2 of 40 · rows 26–50 of 10,000", await Counter(tables.Nth(0)));
        Assert.Equal("page 1 of 3 · rows 1–25 of 60", await Counter(tables.Nth(1)));
        Assert.Equal("page 40 of 40 · rows 976–1,000 of 10,000", await Counter(tables.Nth(2)));
        Assert.Equal("page 3 of 40 · rows 51–75 of 10,000", await Counter(tables.Nth(3)));
        Assert.Equal(["25", "25000", "3.125", "r1", "false"], await FirstRow(tables.Nth(0)));
        Assert.Equal(["0", "0", "0", "r0", "true"], await FirstRow(tables.Nth(1)));
        Assert.Equal(["975", "975000", "121.875", "r0", "false"], await FirstRow(tables.Nth(2)));
        Assert.Equal(25, await tables.Nth(2).Locator("tbody tr").CountAsync());
        Assert.True(await tables.Nth(2).Locator(Next).IsDisabledAsync());
        Assert.True(await tables.Nth(1).Locator("button[data-page='prev']").IsDisabledAsync());

        await tables.Nth(2).Locator("button[data-page='first']").ClickAsync();
        Assert.Equal(["0", "0", "0", "r0", "true"], await FirstRow(tables.Nth(2)));
        var screenshot = Path.Combine(Path.GetTempPath(), "runlens-paged-tables.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");

        Assert.Empty(browser.Errors);
        Assert.Equal([url], browser.Requests);
    }

    private static Task<string> Counter(ILocator table) => table.Locator(".runlens-page").InnerTextAsync();

    private static async Task<string[]> FirstRow(ILocator table) =>
        (await table.Locator("tbody tr").First.Locator("td").AllInnerTextsAsync()).ToArray();
}
