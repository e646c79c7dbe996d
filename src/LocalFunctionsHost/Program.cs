using LocalFunctionsHost;
using LocalFunctionsHost.Cli;

var cli = CommandLine.Parse(args, out var error);
if (cli is null)
{
    Console.Error.WriteLine(error);
    return 1;
}

return await FunctionsHost.RunAsync(cli);
