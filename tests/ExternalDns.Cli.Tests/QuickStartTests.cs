namespace ExternalDns.Cli.Tests;

/// <summary>The README's first command keeps working: the example manifests through the in-memory provider.</summary>
public class QuickStartTests
{
    [Fact]
    public async Task Quick_start_prints_a_plan_of_the_example_manifests()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ExternalDns.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var readme = await File.ReadAllTextAsync(Path.Combine(root.FullName, "README.md"));
        var command = readme.Split('\n').First(l => l.StartsWith("dotnet run --project src/ExternalDns -- --source=manifest", StringComparison.Ordinal));
        var args = command["dotnet run --project src/ExternalDns -- ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.Replace("=deploy/examples", "=" + Path.Combine(root.FullName, "deploy", "examples"), StringComparison.Ordinal))
            .ToList();

        var run = await ExternalDnsProcess.RunAsync(args);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Matches(@"create\s+www\.example\.org\s+A\s+203\.0\.113\.10", run.Stdout);
        Assert.Matches(@"Plan: \d+ to create, 0 to update, 0 to delete \(applied\)\.", run.Stdout);
    }
}
