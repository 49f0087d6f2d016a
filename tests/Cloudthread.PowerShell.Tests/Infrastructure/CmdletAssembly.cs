using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Cloudthread.PowerShell.Tests.Infrastructure;

/// <summary>
/// The built cmdlet assembly read with MetadataLoadContext: its cmdlets, their [Cmdlet], [OutputType] and
/// [Parameter] declarations, without loading PowerShell (which this machine does not have).
/// </summary>
public sealed class CmdletAssembly : IDisposable
{
    private readonly MetadataLoadContext _context;

    public CmdletAssembly()
    {
        if (!File.Exists(TestPaths.ModuleAssembly))
        {
            throw new FileNotFoundException("Build src/Cloudthread.PowerShell first (the test project builds it).", TestPaths.ModuleAssembly);
        }

        var paths = Directory.GetFiles(TestPaths.ModuleFolder, "*.dll")
            .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
            .Append(TestPaths.PowerShellReferenceAssembly)
            .ToList();
        _context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        Assembly = _context.LoadFromAssemblyPath(TestPaths.ModuleAssembly);
        ClientAssembly = _context.LoadFromAssemblyPath(Path.Combine(TestPaths.ModuleFolder, "Cloudthread.Client.dll"));
        Cmdlets = Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute"))
            .Select(t => new CmdletInfo(t))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    public Assembly Assembly { get; }

    public Assembly ClientAssembly { get; }

    public IReadOnlyList<CmdletInfo> Cmdlets { get; }

    public CmdletInfo Cmdlet(string name) =>
        Cmdlets.SingleOrDefault(c => c.Name == name) ?? throw new Xunit.Sdk.XunitException("No cmdlet " + name + " in the assembly.");

    /// <summary>Another assembly of the built module folder, read in the same context.</summary>
    public Assembly LoadFromModuleFolder(string fileName) => _context.LoadFromAssemblyPath(Path.Combine(TestPaths.ModuleFolder, fileName));

    public Type ClientType(string fullName) => ClientAssembly.GetType(fullName, throwOnError: true)!;

    public void Dispose() => _context.Dispose();
}

/// <summary>One cmdlet class and what its attributes declare.</summary>
public sealed class CmdletInfo
{
    public CmdletInfo(Type type)
    {
        Type = type;
        var cmdlet = type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
        Verb = (string)cmdlet.ConstructorArguments[0].Value!;
        Noun = (string)cmdlet.ConstructorArguments[1].Value!;
        SupportsShouldProcess = Named(cmdlet, "SupportsShouldProcess") is true;
        ConfirmImpact = Named(cmdlet, "ConfirmImpact") is int impact ? impact : 2; // ConfirmImpact.Medium is the default
        OutputTypes = type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute").ToList();
        Parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => new ParameterInfo(p))
            .Where(p => p.Declarations.Count > 0)
            .ToList();
    }

    public Type Type { get; }

    public string Verb { get; }

    public string Noun { get; }

    public string Name => Verb + "-" + Noun;

    public bool SupportsShouldProcess { get; }

    /// <summary>System.Management.Automation.ConfirmImpact as an int: None 0, Low 1, Medium 2, High 3.</summary>
    public int ConfirmImpact { get; }

    public IReadOnlyList<CustomAttributeData> OutputTypes { get; }

    public IReadOnlyList<ParameterInfo> Parameters { get; }

    public ParameterInfo Parameter(string name) =>
        Parameters.SingleOrDefault(p => p.Name == name) ?? throw new Xunit.Sdk.XunitException(Name + " has no parameter -" + name + ".");

    /// <summary>The types named by [OutputType] (typeof arguments; type-name strings are returned as null).</summary>
    public IEnumerable<Type> OutputTypeTypes() => OutputTypes
        .SelectMany(a => a.ConstructorArguments)
        .SelectMany(arg => arg.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { arg.Value })
        .OfType<Type>();

    /// <summary>
    /// Which parameters a piped object with these property names binds by property name (name or alias, case-insensitive),
    /// as PowerShell's parameter binder does: parameter name to property name.
    /// </summary>
    public IReadOnlyDictionary<string, string> BindsByPropertyName(IEnumerable<string> propertyNames)
    {
        var properties = new HashSet<string>(propertyNames, StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in Parameters.Where(p => p.ValueFromPipelineByPropertyName))
        {
            var match = new[] { parameter.Name }.Concat(parameter.Aliases).FirstOrDefault(properties.Contains);
            if (match is not null)
            {
                result[parameter.Name] = match;
            }
        }

        return result;
    }

    internal static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).FirstOrDefault();
}

/// <summary>A property with [Parameter] attributes (one per parameter set), its aliases and other attributes.</summary>
public sealed class ParameterInfo
{
    public ParameterInfo(PropertyInfo property)
    {
        Property = property;
        var attributes = property.GetCustomAttributesData();
        Declarations = attributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute").ToList();
        Aliases = attributes.Where(a => a.AttributeType.Name == "AliasAttribute")
            .SelectMany(a => (ReadOnlyCollection<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!)
            .Select(v => (string)v.Value!)
            .ToList();
        OtherAttributes = attributes.Select(a => a.AttributeType.Name).ToList();
    }

    public PropertyInfo Property { get; }

    public string Name => Property.Name;

    public IReadOnlyList<CustomAttributeData> Declarations { get; }

    public IReadOnlyList<string> Aliases { get; }

    public IReadOnlyList<string> OtherAttributes { get; }

    public bool ValueFromPipelineByPropertyName => Declarations.Any(d => CmdletInfo.Named(d, "ValueFromPipelineByPropertyName") is true);

    public bool ValueFromPipeline => Declarations.Any(d => CmdletInfo.Named(d, "ValueFromPipeline") is true);

    public bool Mandatory => Declarations.Any(d => CmdletInfo.Named(d, "Mandatory") is true);

    public IEnumerable<string> ParameterSets => Declarations.Select(d => CmdletInfo.Named(d, "ParameterSetName") as string ?? "__AllParameterSets");

    public Type? CompleterType => Property.GetCustomAttributesData()
        .Where(a => a.AttributeType.Name == "ArgumentCompleterAttribute")
        .Select(a => a.ConstructorArguments[0].Value as Type)
        .FirstOrDefault();
}
