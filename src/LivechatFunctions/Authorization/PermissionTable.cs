using Microsoft.Extensions.Options;

namespace LivechatFunctions.Authorization;

/// <summary>The role → permission table, read from <see cref="PermissionOptions"/> once.</summary>
public sealed class PermissionTable
{
    private readonly Dictionary<LivechatPermission, HashSet<string>> _rolesByPermission;

    public PermissionTable(IOptions<PermissionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rolesByPermission = Enum.GetValues<LivechatPermission>().ToDictionary(
            permission => permission,
            permission => options.Value.RolesFor(permission)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Whether any of <paramref name="roles"/> grants <paramref name="permission"/>.</summary>
    public bool Grants(IEnumerable<string> roles, LivechatPermission permission)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var granting = _rolesByPermission[permission];
        return roles.Any(granting.Contains);
    }
}
