namespace LivechatFunctions.LocalHost.Demo;

/// <summary>The two containers of spec §4.</summary>
public enum DemoContainer
{
    Rooms,
    Tokens,
}
