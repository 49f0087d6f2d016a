using System.Reflection;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>The client's public surface shows only BCL types and its own (never System.Text.Json or Microsoft.Extensions).</summary>
public sealed class PublicSurfaceTests
{
    private static readonly string[] ForbiddenNamespaces = { "System.Text.Json", "Microsoft.Extensions" };

    [Fact]
    public void Public_members_use_only_bcl_and_client_types()
    {
        var offenders = new List<string>();
        foreach (var type in typeof(CloudthreadClient).Assembly.GetExportedTypes())
        {
            foreach (var attribute in type.GetCustomAttributesData())
            {
                Check(attribute.AttributeType, type.FullName + " [attribute]", offenders);
            }

            Check(type.BaseType, type.FullName + " : base", offenders);
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var where = type.FullName + "." + member.Name;
                switch (member)
                {
                    case PropertyInfo property:
                        Check(property.PropertyType, where, offenders);
                        foreach (var attribute in property.GetCustomAttributesData())
                        {
                            Check(attribute.AttributeType, where + " [attribute]", offenders);
                        }

                        break;
                    case FieldInfo field:
                        Check(field.FieldType, where, offenders);
                        break;
                    case MethodBase method:
                        if (method is MethodInfo info)
                        {
                            Check(info.ReturnType, where, offenders);
                        }

                        foreach (var parameter in method.GetParameters())
                        {
                            Check(parameter.ParameterType, where + "(" + parameter.Name + ")", offenders);
                        }

                        break;
                }
            }
        }

        Assert.Empty(offenders);
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
            foreach (var argument in type.GetGenericArguments())
            {
                Check(argument, where, offenders);
            }
        }

        var ns = type.Namespace ?? string.Empty;
        if (ForbiddenNamespaces.Any(f => ns == f || ns.StartsWith(f + ".", StringComparison.Ordinal)))
        {
            offenders.Add(where + ": " + type.FullName);
        }
    }
}
