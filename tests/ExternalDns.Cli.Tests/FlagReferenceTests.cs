using ExternalDns.Cli;

namespace ExternalDns.Cli.Tests;

/// <summary>The README's flag reference is generated from the flag catalog; this test keeps it from going stale.</summary>
public class FlagReferenceTests
{
    private const string Begin = "<!-- flags:begin -->";
    private const string End = "<!-- flags:end -->";

    [Fact]
    public void Readme_flag_reference_matches_the_code()
    {
        var readme = Path.Combine(RepositoryRoot(), "README.md");
        var text = File.ReadAllText(readme);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md lacks the flags:begin/flags:end markers");

        var generated = "\n## Flag reference\n\nGenerated from the code (`external-dns --generate-flag-reference`); every flag can also be set through the environment variable beside it.\n" + HelpWriter.Markdown();
        var current = text[(start + Begin.Length)..end];
        if (Environment.GetEnvironmentVariable("UPDATE_FLAG_REFERENCE") == "1")
        {
            File.WriteAllText(readme, text[..(start + Begin.Length)] + generated + text[end..]);
            return;
        }

        Assert.True(current == generated, "README.md's flag reference is stale: run `UPDATE_FLAG_REFERENCE=1 dotnet test tests/ExternalDns.Cli.Tests --filter FlagReferenceTests`");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ExternalDns.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (ExternalDns.sln) not found");
    }
}
