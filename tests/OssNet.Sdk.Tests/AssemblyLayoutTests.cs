// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Tests;

public sealed class AssemblyLayoutTests
{
    [Theory]
    [InlineData("OssNet.Sdk", "TorchSharp")]
    [InlineData("OssNet.Sdk.Abstractions", "TorchSharp")]
    [InlineData("OssNet.Sdk.Abstractions", "OssNet.Sdk")]
    public void ManagedAssemblies_DoNotReferenceTorch(string assemblyName, string forbidden)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName)
            ?? System.Reflection.Assembly.Load(assemblyName);
        var references = assembly.GetReferencedAssemblies().Select(r => r.Name).ToList();
        Assert.DoesNotContain(forbidden, references);
    }
}
