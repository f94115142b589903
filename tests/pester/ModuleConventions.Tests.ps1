# Conventions every exported cmdlet must keep: help with synopsis, description and examples; [OutputType];
# -WhatIf on every cmdlet that changes a cluster; examples that parse and name real parameters; a table view.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force
    $script:Commands = Get-Command -Module MeshOps -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force
    $script:FormatViews = ([xml](Get-Content (Join-Path (Split-Path $MeshOpsModule) 'MeshOps.Format.ps1xml') -Raw)).Configuration.ViewDefinitions.View
}

Describe 'The MeshOps module' {
    It 'exports every cmdlet its manifest lists' {
        $manifest = Import-PowerShellDataFile $MeshOpsModule
        $exported = (Get-Command -Module MeshOps -CommandType Cmdlet).Name
        foreach ($name in $manifest.CmdletsToExport) { $exported | Should -Contain $name }
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($cmd in Get-Command -Module MeshOps) { $approved | Should -Contain $cmd.Verb }
    }

    It 'carries one version, the manifest''s, in its assemblies' {
        $manifest = Import-PowerShellDataFile $MeshOpsModule
        $dll = Join-Path (Split-Path $MeshOpsModule) 'MeshOps.Cmdlets.dll'
        [Reflection.AssemblyName]::GetAssemblyName($dll).Version.ToString(3) | Should -Be $manifest.ModuleVersion
        $engine = Join-Path (Split-Path $MeshOpsModule) 'Dependencies/MeshOps.Engine.dll'
        [Reflection.AssemblyName]::GetAssemblyName($engine).Version.ToString(3) | Should -Be $manifest.ModuleVersion
    }

    It 'keeps the engine and its dependencies out of the module root' {
        $root = Split-Path $MeshOpsModule
        Test-Path (Join-Path $root 'MeshOps.Engine.dll') | Should -BeFalse
        Test-Path (Join-Path $root 'YamlDotNet.dll') | Should -BeFalse
        Test-Path (Join-Path $root 'KubernetesClient.dll') | Should -BeFalse
        Test-Path (Join-Path $root 'Dependencies/YamlDotNet.dll') | Should -BeTrue
        Test-Path (Join-Path $root 'Dependencies/KubernetesClient.dll') | Should -BeTrue
        Test-Path (Join-Path $root 'BouncyCastle.Cryptography.dll') | Should -BeFalse
        Test-Path (Join-Path $root 'Dependencies/BouncyCastle.Cryptography.dll') | Should -BeTrue
    }

    It 'has an about_MeshOps help topic' {
        (Get-Help about_MeshOps | Out-String) | Should -Match 'MeshOps'
    }
}

Describe '<Name>' -ForEach $Commands {
    BeforeAll {
        $script:Command = Get-Command $Name
        $script:Help = Get-Help $Name -Full
    }

    It 'has a synopsis' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
    }

    It 'has a description' {
        ($Help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example whose code parses and names only real parameters' {
        @($Help.examples.example).Count | Should -BeGreaterThan 0
        foreach ($example in @($Help.examples.example)) {
            $code = $example.code
            $code | Should -Not -BeNullOrEmpty
            $tokens = $null; $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref]$tokens, [ref]$errors)
            $errors | Should -BeNullOrEmpty -Because "the example of $Name must parse: $code"
            $calls = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq $Name }, $true)
            foreach ($call in $calls) {
                foreach ($param in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    $known = $Command.Parameters.Keys + $Command.Parameters.Values.Aliases
                    $known | Should -Contain $param.ParameterName -Because "example '$code' uses -$($param.ParameterName)"
                }
            }
        }
    }

    It 'documents every parameter, -WhatIf and -Confirm included' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        foreach ($parameter in $Command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = @($Help.parameters.parameter) | Where-Object name -EQ $parameter
            ($entry.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs a description"
        }
    }

    It 'shows in Get-Help SYNTAX every parameter Get-Command -Syntax shows, per parameter set' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $items = @($Help.syntax.syntaxItem)
        $items.Count | Should -Be $Command.ParameterSets.Count
        foreach ($set in $Command.ParameterSets) {
            $expected = @($set.Parameters.Name | Where-Object { $_ -notin $common } | Sort-Object)
            $match = $items | Where-Object { (@($_.parameter.name | Sort-Object) -join ',') -eq ($expected -join ',') }
            $match | Should -Not -BeNullOrEmpty -Because "Get-Help $Name SYNTAX must list $($expected -join ', ') (set $($set.Name))"
        }
        $syntax = (Get-Help $Name | Out-String)
        foreach ($optional in 'WhatIf', 'Confirm') {
            if ($Command.Parameters.ContainsKey($optional)) { $syntax | Should -Match "\[-$optional\]" }
        }
    }

    It 'declares its [OutputType]' {
        $Command.OutputType | Should -Not -BeNullOrEmpty
    }

    It 'has a table view for each output type' {
        foreach ($type in $Command.OutputType.Name | Where-Object { $_ -like 'MeshOps.*' }) {
            $views = @($FormatViews | Where-Object { $_.ViewSelectedBy.TypeName -eq $type -and $_.TableControl })
            $views.Count | Should -BeGreaterThan 0 -Because "$type needs a table view in MeshOps.Format.ps1xml"
        }
    }

    # Verbs that change something (a cluster, the release cache for Save, files for Export) must support -WhatIf and -Confirm.
    if ($Name.Split('-')[0] -in 'Export', 'Install', 'Uninstall', 'Set', 'Enable', 'Disable', 'Remove', 'Save', 'New', 'Add', 'Clear', 'Reset', 'Restart', 'Update') {
        It 'supports -WhatIf and -Confirm because it changes state' {
            $Command.Parameters.Keys | Should -Contain 'WhatIf'
            $Command.Parameters.Keys | Should -Contain 'Confirm'
        }
    }
}
