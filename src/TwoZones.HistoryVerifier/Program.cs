using TwoZones.HistoryVerifier;

return VerifyCommand.Run(args, Console.Out, Console.Error);
