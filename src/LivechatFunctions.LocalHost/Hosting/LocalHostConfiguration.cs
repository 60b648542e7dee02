using Microsoft.Extensions.Configuration;

namespace LivechatFunctions.LocalHost.Hosting;

/// <summary>The local host's configuration sources, lowest precedence first.</summary>
public static class LocalHostConfiguration
{
    public static void Apply(IConfigurationBuilder configuration, LocalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        configuration.Sources.Clear();
        if (options.SettingsFile is not null)
        {
            if (!File.Exists(options.SettingsFile))
            {
                throw new FileNotFoundException($"Settings file '{options.SettingsFile}' does not exist.", options.SettingsFile);
            }

            configuration.AddLocalSettingsFile(options.SettingsFile);
        }

        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine([.. options.ConfigurationArgs]);
    }
}
