using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Tests.TestData;

namespace LivechatFunctions.Importer.Tests.Conversion;

public class DepartmentAssignmentsTests
{
    [Fact]
    public void Departments_are_grouped_by_agent_once_each()
    {
        var assignments = new DepartmentAssignments();
        assignments.Add(Json.Parse("""{"agentId":"a1","departmentId":"sales"}"""));
        assignments.Add(Json.Parse("""{"agentId":"a1","departmentId":"support"}"""));
        assignments.Add(Json.Parse("""{"agentId":"a1","departmentId":"sales"}"""));
        Assert.Equal(["sales", "support"], assignments.ByAgent()["a1"]);
    }

    [Fact]
    public void Line_without_department_is_skipped() =>
        Assert.Equal(SkipReasons.DepartmentAgentIncomplete, new DepartmentAssignments().Add(Json.Parse("""{"agentId":"a1"}""")));
}
