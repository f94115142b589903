# istioctl's own manifest-generate suites of every release in ../shared/istio, run through Export-MeshManifest
# exactly as a user calls it: -Path <inputs> -Set <flags> -Version <release> -ManifestsPath <the case's charts>.
# A case passes when every object the golden holds (its select/ignore patterns) is ours, equal value for value,
# and we select no object the golden lacks (../shared/istio/README.md).
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Suites = foreach ($version in '1.18.5', '1.20.8', '1.22.8', '1.24.6', '1.26.8', '1.28.10') {
        $dir = Join-Path $SharedRoot "istio/$version/manifest-generate"
        if (-not (Test-Path (Join-Path $dir 'cases.tsv'))) { continue }
        $cases = foreach ($line in Get-Content (Join-Path $dir 'cases.tsv') | Select-Object -Skip 1 | Where-Object { $_.Trim() }) {
            $c = $line -split "`t"
            @{
                Version = $version
                Dir     = $dir
                Name    = $c[0]
                Inputs  = @(if ($c[1] -notin '', '-') { $c[1] -split ',' | ForEach-Object { Join-Path $dir $_ } })
                Set     = @([regex]::Matches($c[2], '--set[= ](\S+)') | ForEach-Object { $_.Groups[1].Value })
                Select  = @(if ($c[3]) { $c[3] -split ',' } else { '*:*:*' })
                Ignore  = @(if ($c[4]) { $c[4] -split ',' })
                Golden  = Join-Path $dir $c[5]
                Charts  = if ($c.Count -gt 6 -and $c[6] -eq 'release') { Join-Path $SharedRoot "istio/$version/release/manifests" } else { Join-Path $dir 'snapshot' }
            }
        }
        @{ Version = $version; Cases = @($cases) }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force

    # Both sides are read with the module's own Go YAML reader (as istioctl's test reads them with sigs.k8s.io/yaml)
    # and compared as canonical JSON: strict on every value and its type, blind only to the text's formatting.
    # The engine loads with the first cmdlet that runs; one that fails at once (no manifests given) is enough.
    try { $null = Get-MeshProfile -ErrorAction Stop } catch { $null = $_ }
    $script:Engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'MeshOps.Engine' } | Select-Object -First 1
    $script:GoYaml = $Engine.GetType('MeshOps.Engine.Yaml.GoYaml')
    $script:GoJson = $Engine.GetType('MeshOps.Engine.Yaml.GoJson')

    # Kind:Namespace:Name -> canonical JSON of each object.
    function Get-GoldenObjects([string] $Yaml) {
        $objects = [ordered]@{}
        foreach ($doc in $GoYaml::ParseDocuments($Yaml, $null)) {
            $value = $doc.Value
            if ($value -isnot [System.Collections.Generic.Dictionary[string, object]]) { continue }
            $meta = $value['metadata']
            $name = if ($meta -and $meta.ContainsKey('name')) { $meta['name'] } else { '' }
            $ns = if ($meta -and $meta.ContainsKey('namespace')) { $meta['namespace'] } else { '' }
            $objects["$($value['kind']):${ns}:${name}"] = $GoJson::Serialize($value, $true)
        }
        $objects
    }

    # istioctl's selector: '*' or an empty part matches anything, the regex is unanchored.
    function ConvertTo-SelectorRegex([string] $Selector) {
        ($Selector -split ':' | ForEach-Object { if ($_ -in '', '*') { '.*' } else { $_.Replace('*', '.*') } }) -join ':'
    }

    function Select-Objects($Objects, $Case) {
        $select = $Case.Select | ForEach-Object { ConvertTo-SelectorRegex $_ }
        $ignore = $Case.Ignore | ForEach-Object { ConvertTo-SelectorRegex $_ }
        $picked = [ordered]@{}
        foreach ($key in $Objects.Keys) {
            if (($select | Where-Object { $key -match $_ }) -and -not ($ignore | Where-Object { $key -match $_ })) { $picked[$key] = $Objects[$key] }
        }
        $picked
    }

    # The differences of one case: objects missing, extra, or differing (with the first differing lines).
    function Compare-GoldenCase($Case) {
        $golden = Select-Objects (Get-GoldenObjects (Get-Content -Raw $Case.Golden)) $Case
        $arguments = @{ ManifestsPath = $Case.Charts; Version = $Case.Version; WarningAction = 'SilentlyContinue'; ErrorAction = 'Stop' }
        if ($Case.Inputs.Count) { $arguments.Path = $Case.Inputs }
        if ($Case.Set.Count) { $arguments.Set = $Case.Set }
        $ours = Select-Objects (Get-GoldenObjects ((Export-MeshManifest @arguments) -join "`n")) $Case
        $problems = [System.Collections.Generic.List[string]]::new()
        foreach ($key in $golden.Keys) {
            if (-not $ours.Contains($key)) { $problems.Add("missing from our output: $key"); continue }
            if ($ours[$key] -cne $golden[$key]) {
                $diff = Compare-Object ($golden[$key] -split "`n") ($ours[$key] -split "`n") | Select-Object -First 6 |
                    ForEach-Object { "    $(if ($_.SideIndicator -eq '<=') { 'golden' } else { 'ours  ' }): $($_.InputObject.Trim())" }
                $problems.Add("$key differs:`n$($diff -join "`n")")
            }
        }
        foreach ($key in $ours.Keys) { if (-not $golden.Contains($key)) { $problems.Add("not in the golden: $key") } }
        [pscustomobject]@{ Objects = $golden.Count; Passed = @($golden.Keys | Where-Object { $ours.Contains($_) -and $ours[$_] -ceq $golden[$_] }).Count; Problems = $problems }
    }
}

Describe 'istioctl <Version> manifest-generate suite through Export-MeshManifest' -ForEach $Suites -Skip:(-not $HasShared) {
    It '<Name>' -ForEach $Cases {
        $result = Compare-GoldenCase $_
        $result.Problems -join "`n" | Should -BeNullOrEmpty -Because "$($result.Passed) of $($result.Objects) objects of $Version/$Name match"
    }
}
