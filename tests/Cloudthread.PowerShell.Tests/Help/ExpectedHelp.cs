using System.Collections.ObjectModel;
using System.Globalization;
using System.Reflection;
using Cloudthread.PowerShell.Tests.Infrastructure;

namespace Cloudthread.PowerShell.Tests.Help;

/// <summary>
/// What a cmdlet's help page must say about its parameters, derived from the compiled declarations the way
/// New-MarkdownCommandHelp (PlatyPS 1.0) derives it from PowerShell's CommandInfo.
/// </summary>
internal sealed class ExpectedHelp
{
    public const string AllSetsName = "__AllParameterSets";
    public const string AllSetsLabel = "(All)";

    private ExpectedHelp(CmdletInfo cmdlet)
    {
        Cmdlet = cmdlet;
        var cmdletAttribute = cmdlet.Type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
        DefaultParameterSet = CmdletInfo.Named(cmdletAttribute, "DefaultParameterSetName") as string;
        HelpUri = CmdletInfo.Named(cmdletAttribute, "HelpUri") as string;
        var parameters = cmdlet.Parameters.Select(FromDeclaration).ToList();
        if (cmdlet.SupportsShouldProcess)
        {
            parameters.Add(ShouldProcessSwitch("WhatIf", "wi"));
            parameters.Add(ShouldProcessSwitch("Confirm", "cf"));
        }

        Parameters = parameters;
        var named = parameters.SelectMany(p => p.Sets).Select(s => s.Name).Where(n => n != AllSetsLabel).Distinct().ToList();
        ParameterSets = named.Count == 0 ? new[] { AllSetsName } : named;
    }

    public CmdletInfo Cmdlet { get; }

    public string? DefaultParameterSet { get; }

    public string? HelpUri { get; }

    public IReadOnlyList<ExpectedParameter> Parameters { get; }

    /// <summary>The syntax blocks: the named parameter sets, or __AllParameterSets when there are none.</summary>
    public IReadOnlyList<string> ParameterSets { get; }

    public static ExpectedHelp For(CmdletInfo cmdlet) => new(cmdlet);

    /// <summary>The type name PlatyPS writes: the full name; a generic as Name`N[Arg,...] (System.Nullable`1[System.Int32]).</summary>
    public static string TypeName(Type type)
    {
        if (type.IsGenericType)
        {
            return type.GetGenericTypeDefinition().FullName + "[" + string.Join(",", type.GetGenericArguments().Select(TypeName)) + "]";
        }

        return type.FullName ?? type.Name;
    }

    /// <summary>The type without Nullable (what PlatyPS lists under INPUTS).</summary>
    public static Type WithoutNullable(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0] : type;

    private static ExpectedParameter ShouldProcessSwitch(string name, string alias) => new(
        name,
        "System.Management.Automation.SwitchParameter",
        null,
        new[] { alias },
        new[] { new ExpectedParameterSet(AllSetsLabel, "Named", false, false, false) },
        Array.Empty<string>(),
        false);

    private static ExpectedParameter FromDeclaration(Infrastructure.ParameterInfo parameter)
    {
        var sets = parameter.Declarations.Select(d =>
        {
            var setName = CmdletInfo.Named(d, "ParameterSetName") as string;
            var position = CmdletInfo.Named(d, "Position") is int p && p >= 0 ? p.ToString(CultureInfo.InvariantCulture) : "Named";
            return new ExpectedParameterSet(
                setName is null || setName == AllSetsName ? AllSetsLabel : setName,
                position,
                CmdletInfo.Named(d, "Mandatory") is true,
                CmdletInfo.Named(d, "ValueFromPipeline") is true,
                CmdletInfo.Named(d, "ValueFromPipelineByPropertyName") is true);
        }).ToList();

        var type = parameter.Property.PropertyType;
        return new ExpectedParameter(
            parameter.Name,
            TypeName(type),
            WithoutNullable(type),
            parameter.Aliases,
            sets,
            AcceptedValues(parameter.Property),
            parameter.OtherAttributes.Contains("SupportsWildcardsAttribute"));
    }

    /// <summary>[ValidateSet] values, else the names of an enum type (Nullable unwrapped), else none.</summary>
    private static IReadOnlyList<string> AcceptedValues(PropertyInfo property)
    {
        var validateSet = property.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "ValidateSetAttribute");
        if (validateSet is not null)
        {
            return validateSet.ConstructorArguments
                .SelectMany(arg => arg.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { arg.Value })
                .OfType<string>()
                .ToList();
        }

        var type = WithoutNullable(property.PropertyType);
        return type.IsEnum
            ? type.GetFields(BindingFlags.Public | BindingFlags.Static).OrderBy(f => Convert.ToInt64(f.GetRawConstantValue(), CultureInfo.InvariantCulture)).Select(f => f.Name).ToList()
            : Array.Empty<string>();
    }
}

internal sealed record ExpectedParameter(
    string Name,
    string TypeName,
    Type? InputType,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ExpectedParameterSet> Sets,
    IReadOnlyList<string> AcceptedValues,
    bool SupportsWildcards)
{
    public bool TakesPipelineInput => Sets.Any(s => s.ValueFromPipeline || s.ValueFromPipelineByPropertyName);
}

internal sealed record ExpectedParameterSet(string Name, string Position, bool IsRequired, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);
