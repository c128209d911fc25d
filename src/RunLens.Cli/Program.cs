using RunLens.Cli;

return CliApp.CreateRootCommand().Parse(args).Invoke();
