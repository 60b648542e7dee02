using System.Text.Json;
using LivechatFunctions.Importer.Export;

namespace LivechatFunctions.Importer.Conversion;

/// <summary>
/// The departments each agent serves, from <c>rocketchat_livechat_department_agents</c> (<c>{agentId, departmentId}</c>
/// per line). Bounded by the number of agent-department pairs, which is small.
/// </summary>
public sealed class DepartmentAssignments
{
    private readonly Dictionary<string, List<string>> _byAgent = new(StringComparer.Ordinal);

    /// <summary>Records one line; returns why it was skipped, or <c>null</c>.</summary>
    public SkipReason? Add(JsonElement assignment)
    {
        if (!assignment.TryGetProperty("agentId", out var agent) || !ExtendedJson.TryGetString(agent, out var agentId) || agentId.Length == 0
            || !assignment.TryGetProperty("departmentId", out var department) || !ExtendedJson.TryGetString(department, out var departmentId)
            || departmentId.Length == 0)
        {
            return SkipReasons.DepartmentAgentIncomplete;
        }

        if (!_byAgent.TryGetValue(agentId, out var departments))
        {
            departments = [];
            _byAgent.Add(agentId, departments);
        }

        if (!departments.Contains(departmentId, StringComparer.Ordinal))
        {
            departments.Add(departmentId);
        }

        return null;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByAgent() =>
        _byAgent.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
}
