using System.Reflection;
using Cloudthread.Client;

namespace Cloudthread.Client.Tests.Boundary;

/// <summary>
/// Cloudthread.Client lives in a private load context on PowerShell 7; only its own types and BCL types may
/// cross into the cmdlets. A System.Text.Json or Microsoft.Extensions.* type in a public signature
/// would be a different type on each side of the boundary.
/// </summary>
public sealed class ClientApiBoundaryTests
{
    private static readonly string[] ForbiddenPrefixes =
        ["System.Text.Json", "System.Text.Encodings.Web", "Microsoft.Extensions.", "System.Threading.Channels", "Microsoft.Bcl."];

    private const BindingFlags Visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void Public_signatures_use_only_BCL_and_client_types()
    {
        Assembly client = typeof(CloudthreadClient).Assembly;
        var offenders = new List<string>();

        foreach (Type type in client.GetExportedTypes())
        {
            Check(type.BaseType, type.FullName + " base type", offenders);
            foreach (CustomAttributeData attribute in type.GetCustomAttributesData())
            {
                // An attribute from a private dependency (say [JsonPropertyName]) would also cross the boundary.
                Check(attribute.AttributeType, type.FullName + " attribute", offenders);
            }

            foreach (Type i in type.GetInterfaces())
            {
                Check(i, type.FullName + " interface", offenders);
            }

            foreach (MemberInfo member in type.GetMembers(Visible).Where(IsVisibleOutside))
            {
                foreach (Type used in SignatureTypes(member))
                {
                    Check(used, type.FullName + "." + member.Name, offenders);
                }

                foreach (CustomAttributeData attribute in member.GetCustomAttributesData())
                {
                    Check(attribute.AttributeType, type.FullName + "." + member.Name + " attribute", offenders);
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_check_catches_a_forbidden_type()
    {
        // Guards the guard: a System.Text.Json type must be reported.
        var offenders = new List<string>();
        Check(typeof(List<System.Text.Json.JsonElement>), "probe", offenders);
        Assert.Single(offenders);
    }

    private static void Check(Type? type, string where, List<string> offenders)
    {
        if (type is null)
        {
            return;
        }

        if (type.HasElementType)
        {
            Check(type.GetElementType(), where, offenders);
            return;
        }

        if (type.IsGenericType)
        {
            foreach (Type argument in type.GetGenericArguments())
            {
                Check(argument, where, offenders);
            }
        }

        if (type.IsGenericParameter)
        {
            return;
        }

        string assembly = type.Assembly.GetName().Name!;
        if (ForbiddenPrefixes.Any(p => assembly.StartsWith(p, StringComparison.Ordinal)))
        {
            offenders.Add($"{where}: {type.FullName} ({assembly})");
        }
    }

    private static bool IsVisibleOutside(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily || add.IsFamilyOrAssembly),
        _ => false, // nested types are checked as exported types
    };

    private static IEnumerable<Type> SignatureTypes(MemberInfo member) => member switch
    {
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        FieldInfo f => [f.FieldType],
        PropertyInfo p => p.GetIndexParameters().Select(i => i.ParameterType).Append(p.PropertyType),
        EventInfo e => e.EventHandlerType is { } h ? [h] : [],
        _ => [],
    };
}
