# The engine and its dependencies load in their own AssemblyLoadContext: a session that already holds an older
# YamlDotNet (as other modules ship) must still import MeshOps and parse YAML with MeshOps' own copy.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:OldYaml = Join-Path (& dotnet nuget locals global-packages --list | Select-Object -First 1).Replace('global-packages:', '').Trim() 'yamldotnet/13.7.1/lib/net7.0/YamlDotNet.dll'
    if ($env:NUGET_PACKAGES) { $script:OldYaml = Join-Path $env:NUGET_PACKAGES 'yamldotnet/13.7.1/lib/net7.0/YamlDotNet.dll' }
    $exe = [Environment]::ProcessPath
    $script:PwshPrefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $script:PwshPrefix = @(Join-Path $PSHOME 'pwsh.dll') }
    $script:PwshExe = $exe
}

Describe 'Assembly isolation' {
    It 'finds YamlDotNet 13.7.1 to load first' {
        Test-Path $OldYaml | Should -BeTrue -Because 'tests/pester/PesterDependencies.csproj downloads it'
    }

    It 'imports MeshOps and parses YAML after YamlDotNet 13.7.1 was loaded into the session' -Skip:(-not $HasShared) {
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$OldYaml'
`$old = [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version.ToString()
Import-Module '$MeshOpsModule'
`$minimal = Get-MeshProfile -Name minimal -ManifestsPath '$ReleaseManifests' -Version '$ReleaseVersion'
`$engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' } |
    ForEach-Object { '{0}@{1}' -f `$_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
[pscustomobject]@{ Old = `$old; Loaded = (`$engine -join ';'); Profile = `$minimal.Name; Components = (`$minimal.EnabledComponents -join ',') } | ConvertTo-Json -Compress
"@
        $output = & $PwshExe @PwshPrefix -NoProfile -NonInteractive -Command $script
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $result = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $result.Old | Should -Be '13.0.0.0'
        $result.Profile | Should -Be 'minimal'
        $result.Components | Should -Be 'Base,Pilot'
        # Two copies side by side: the session's 13.x in the default context, MeshOps' 18.x in its own.
        $result.Loaded | Should -Match '13\.0\.0\.0@Default'
        $result.Loaded | Should -Match '18\.0\.0\.0@MeshOps\.Engine'
    }

    It 'loads BouncyCastle (Sprig''s crypto functions) from Dependencies into the engine''s context only' {
        $chart = Join-Path ([IO.Path]::GetTempPath()) ("meshops-crypto-" + [Guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path (Join-Path $chart 'templates')
        try {
            Set-Content (Join-Path $chart 'Chart.yaml') "apiVersion: v2`nname: crypto`nversion: 0.1.0`n"
            Set-Content (Join-Path $chart 'templates/t.yaml') "key: {{ genPrivateKey `"ed25519`" | b64enc }}`nhash: {{ bcrypt `"p`" | quote }}`n"
            $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$MeshOpsModule'
`$yaml = Expand-MeshChart -ChartPath '$chart'
`$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'BouncyCastle.Cryptography' } |
    ForEach-Object { '{0}@{1}' -f [IO.Path]::GetFileName([IO.Path]::GetDirectoryName(`$_.Location)), [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
[pscustomobject]@{ Yaml = `$yaml; Loaded = @(`$loaded) } | ConvertTo-Json -Compress
"@
            $output = & $PwshExe @PwshPrefix -NoProfile -NonInteractive -Command $script
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
            $result = ($output | Select-Object -Last 1) | ConvertFrom-Json
            $result.Yaml | Should -Match '(?m)^hash: "\$2a\$10\$'
            $result.Loaded | Should -Be @('Dependencies@MeshOps.Engine')
        }
        finally {
            Remove-Item $chart -Recurse -Force
        }
    }
}
