using LivechatFunctions.LocalHost;
using LivechatFunctions.LocalHost.Hosting;

return await LocalHostCommand.RunAsync(args, Console.Out, Console.Error);
