using ExternalDns;

return await ExternalDnsApp.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
