# Get-MeshProfile, Export-MeshManifest and Expand-MeshChart through the built module: parameters, pipeline
# input, files written, warnings and error ids. Exact rendering parity is the engine's xunit suite's job.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force
    $script:SeedFile = Join-Path $RepoRoot 'examples/my-config.yaml'

    # Splits a multi-document YAML text into (Kind, Namespace, Name) keys, reading only top-level metadata.
    function Get-ObjectKeys([string] $Yaml) {
        foreach ($doc in $Yaml -split "(?m)^---\s*$") {
            if ($doc -notmatch '(?m)^kind: (\S+)') { continue }
            $kind = $Matches[1]
            $name = if ($doc -match '(?m)^metadata:\s*\n(?:  .*\n)*?  name: (\S+)') { $Matches[1] } else { '' }
            $ns = if ($doc -match '(?m)^metadata:\s*\n(?:  .*\n)*?  namespace: (\S+)') { $Matches[1] } else { '' }
            "${kind}:${ns}:${name}"
        }
    }
}

Describe 'Get-MeshProfile' -Skip:(-not $HasShared) {
    It 'lists every profile of the release with its components' {
        $profiles = Get-MeshProfile -ManifestsPath $ReleaseManifests -Version $ReleaseVersion
        $profiles.Name | Should -Be @('ambient', 'default', 'demo', 'empty', 'external', 'minimal', 'openshift', 'preview', 'remote')
        ($profiles | Where-Object Name -EQ minimal).EnabledComponents | Should -Be @('Base', 'Pilot')
        ($profiles | Where-Object Name -EQ default).EnabledComponents | Should -Be @('Base', 'Pilot', 'IngressGateways')
    }

    It 'dumps a profile merged over default, with the folder''s own images and a warning that they are development ones' {
        $minimal = Get-MeshProfile -Name minimal -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -WarningVariable warnings -WarningAction SilentlyContinue
        $minimal | Should -BeOfType ([MeshOps.MeshProfile])
        $minimal.IstioOperator.spec.profile | Should -Be 'minimal'
        $minimal.IstioOperator.spec.hub | Should -Be 'gcr.io/istio-testing'
        $minimal.IstioOperator.spec.tag | Should -Be 'latest'
        ($warnings -join "`n") | Should -Match 'development images'
        $minimal.Yaml | Should -Match '(?m)^kind: IstioOperator$'
    }

    It 'takes wildcards and names from the pipeline' {
        ('mini*', 'def*' | Get-MeshProfile -ManifestsPath $ReleaseManifests -Version $ReleaseVersion).Name | Should -Be @('minimal', 'default')
    }

    It 'names an unknown profile with the ProfileNotFound id' {
        { Get-MeshProfile -Name nosuch -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProfileNotFound,*'
    }

    It 'asks for -ManifestsPath or -Version when given neither' {
        { Get-MeshProfile -ErrorAction Stop } | Should -Throw -ErrorId 'ManifestsPathRequired,*'
    }
}

Describe 'Export-MeshManifest' -Skip:(-not $HasShared) {
    It 'renders the seed''s file into istio-system and warns that metadata.namespace does not move istiod' {
        $yaml = Export-MeshManifest -Path $SeedFile -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -WarningVariable warnings -WarningAction SilentlyContinue
        $keys = Get-ObjectKeys $yaml
        $keys | Should -Contain 'Deployment:istio-system:istiod-istio-1-18-5'
        $keys | Should -Contain 'ConfigMap:istio-system:istio-istio-1-18-5'
        ($warnings -join "`n") | Should -Match '-Namespace istio-1-18-5'
    }

    It 'moves the whole control plane with -Namespace, as the seed''s author intended' {
        $yaml = Export-MeshManifest -Path $SeedFile -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Namespace istio-1-18-5 -WarningVariable warnings -WarningAction SilentlyContinue
        $keys = Get-ObjectKeys $yaml
        $keys | Should -Contain 'Deployment:istio-1-18-5:istiod-istio-1-18-5'
        $keys | Should -Contain 'ConfigMap:istio-1-18-5:istio-istio-1-18-5'
        $keys | Should -Contain 'Service:istio-1-18-5:istiod-istio-1-18-5'
        $keys | Where-Object { $_ -match '^(Deployment|ConfigMap|Service|ServiceAccount):istio-system:' } | Should -BeNullOrEmpty
        # Only the development-images warning of ../shared's source-tree copy is left.
        $warnings | Where-Object { "$_" -notmatch 'development images' } | Should -BeNullOrEmpty
        $yaml | Should -Match 'accessLogFile: /dev/stdout'
    }

    It 'takes files from Get-ChildItem through the pipeline' {
        $viaPipeline = Get-Item $SeedFile | Export-MeshManifest -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Namespace istio-1-18-5
        $direct = Export-MeshManifest -Path $SeedFile -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Namespace istio-1-18-5
        $viaPipeline | Should -BeExactly $direct
    }

    It 'renders only the components asked for' {
        $keys = Get-ObjectKeys (Export-MeshManifest -Profile minimal -Component Pilot -ManifestsPath $ReleaseManifests -Version $ReleaseVersion)
        $keys | Should -Contain 'Deployment:istio-system:istiod'
        $keys | Where-Object { $_ -like 'CustomResourceDefinition:*' } | Should -BeNullOrEmpty
    }

    It 'applies -Set in istioctl''s path syntax' {
        $yaml = Export-MeshManifest -Profile minimal -Set 'meshConfig.accessLogEncoding=JSON', 'values.pilot.autoscaleEnabled=false', 'values.pilot.replicaCount=3' -Component Pilot -ManifestsPath $ReleaseManifests -Version $ReleaseVersion
        $yaml | Should -Match '(?m)^    accessLogEncoding: JSON$'
        $yaml | Should -Match '(?m)^  replicas: 3$'
        $yaml | Should -Not -Match 'kind: HorizontalPodAutoscaler'
    }

    It 'writes one folder per component with -OutputDirectory and returns the files' {
        $dir = Join-Path $TestDrive 'demo'
        $files = Export-MeshManifest -Profile demo -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -OutputDirectory $dir
        $files | Should -BeOfType ([IO.FileInfo])
        Test-Path (Join-Path $dir 'Base/Base.yaml') | Should -BeTrue
        Test-Path (Join-Path $dir 'Base/Pilot/Pilot.yaml') | Should -BeTrue
        (Get-Content (Join-Path $dir 'Base/Pilot/Pilot.yaml') -Raw) | Should -Match 'name: istiod'
    }

    It 'rejects a bad revision before rendering, with its id' {
        { Export-MeshManifest -Profile minimal -Revision 'Not_A_Label' -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -ErrorAction Stop } |
            Should -Throw -ErrorId 'RevisionInvalid,*'
    }

    It 'names the file and line of an unknown field' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        Set-Content $bad "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  profile: minimal`n  meshConfg:`n    accessLogFile: /dev/stdout`n"
        $err = $null
        try { Export-MeshManifest -Path $bad -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioOperatorUnknownField,*'
        $err.Exception.Message | Should -Match 'bad\.yaml'
        $err.Exception.Message | Should -Match ':5'
        $err.Exception.Message | Should -Match 'meshConfg'
    }

    It 'names the file, line and path of a mistyped meshConfig field, and renders it as a warning with -Force' {
        $bad = Join-Path $TestDrive 'bad-mesh.yaml'
        Set-Content $bad "apiVersion: install.istio.io/v1alpha1`nkind: IstioOperator`nspec:`n  profile: minimal`n  meshConfig:`n    accessLogFormatt: '%START_TIME%'`n"
        $err = $null
        try { Export-MeshManifest -Path $bad -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'IstioOperatorUnknownField,*'
        $err.Exception.Message | Should -Match 'bad-mesh\.yaml:6'
        $err.Exception.Message | Should -Match 'did you mean "accessLogFormat"'

        $yaml = Export-MeshManifest -Path $bad -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Component Pilot -Force -WarningVariable warnings 3>$null
        ($warnings -join "`n") | Should -Match 'spec\.meshConfig|accessLogFormatt'
        $yaml | Should -Match 'name: istiod'
    }

    It 'reports a missing file with an id, not a crash' {
        { Export-MeshManifest -Path (Join-Path $TestDrive 'missing.yaml') -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -ErrorAction Stop } |
            Should -Throw -ErrorId '*,MeshOps.Cmdlets.Commands.ExportMeshManifestCommand'
    }
}

Describe 'Expand-MeshChart' -Skip:(-not $HasShared) {
    It 'renders a chart as helm template prints it' {
        $yaml = Expand-MeshChart -ChartPath (Join-Path $ReleaseManifests 'charts/istio-control/istio-discovery') -Set revision=canary -Namespace istio-system
        $yaml | Should -Match '(?m)^# Source: istiod/templates/deployment.yaml$'
        $yaml | Should -Match '(?m)^  name: istiod-canary$'
    }

    It 'includes CRDs only with -IncludeCrds' {
        $chart = Join-Path $ReleaseManifests 'charts/base'
        (Expand-MeshChart $chart) | Should -Not -Match 'kind: CustomResourceDefinition'
        (Expand-MeshChart $chart -IncludeCrds) | Should -Match 'kind: CustomResourceDefinition'
    }

    It 'reports a missing chart with the ChartNotFound id' {
        { Expand-MeshChart -ChartPath (Join-Path $TestDrive 'nochart') -ErrorAction Stop } | Should -Throw -ErrorId 'ChartNotFound,*'
    }

    It 'reports a template error in Go''s words with the TemplateExecutionError id' {
        $chart = Join-Path $TestDrive 'broken'
        New-Item -ItemType Directory -Force (Join-Path $chart 'templates') | Out-Null
        Set-Content (Join-Path $chart 'Chart.yaml') "apiVersion: v2`nname: broken`nversion: 0.1.0`n"
        Set-Content (Join-Path $chart 'templates/cm.yaml') "kind: ConfigMap`ndata:`n  x: {{ required `"x is required`" .Values.x }}`n"
        $err = $null
        try { Expand-MeshChart -ChartPath $chart -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'TemplateExecutionError,*'
        $err.Exception.Message | Should -Match 'x is required'
        $err.Exception.Message | Should -Match 'broken/templates/cm.yaml:3'
    }
}

Describe 'Expand-MeshChart with Sprig''s crypto functions' {
    It 'renders a CA and a certificate it signed, as charts that make their own TLS secrets do' {
        $chart = Join-Path $TestDrive 'tls'
        New-Item -ItemType Directory -Force (Join-Path $chart 'templates') | Out-Null
        Set-Content (Join-Path $chart 'Chart.yaml') "apiVersion: v2`nname: tls`nversion: 0.1.0`n"
        Set-Content (Join-Path $chart 'templates/secret.yaml') @'
{{- $ca := genCA "tls-ca" 30 }}
{{- $cert := genSignedCert "svc.ns.svc" (list "10.0.0.1") (list "svc.ns.svc") 30 $ca }}
apiVersion: v1
kind: Secret
metadata:
  name: tls
data:
  ca.crt: {{ $ca.Cert | b64enc }}
  tls.crt: {{ $cert.Cert | b64enc }}
  tls.key: {{ $cert.Key | b64enc }}
  password: {{ bcrypt "s3cret" | b64enc }}
'@
        $yaml = Expand-MeshChart -ChartPath $chart
        $field = { param($name) [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(($yaml | Select-String "(?m)^  ${name}: (\S+)$").Matches[0].Groups[1].Value)) }
        $ca = [Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem((& $field 'ca.crt'))
        $leaf = [Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem((& $field 'tls.crt'))
        $leaf.Subject | Should -Be 'CN=svc.ns.svc'
        $leaf.Issuer | Should -Be 'CN=tls-ca'
        $chain = [Security.Cryptography.X509Certificates.X509Chain]::new()
        $chain.ChainPolicy.TrustMode = 'CustomRootTrust'
        $chain.ChainPolicy.RevocationMode = 'NoCheck'
        $null = $chain.ChainPolicy.CustomTrustStore.Add($ca)
        $chain.Build($leaf) | Should -BeTrue
        (& $field 'tls.key') | Should -Match '^-----BEGIN RSA PRIVATE KEY-----'
        (& $field 'password') | Should -Match '^\$2a\$10\$[./A-Za-z0-9]{53}$'
    }
}

Describe 'Expand-MeshChart .Capabilities' {
    BeforeAll {
        $script:CapsChart = Join-Path $TestDrive 'caps'
        New-Item -ItemType Directory -Force (Join-Path $CapsChart 'templates') | Out-Null
        Set-Content (Join-Path $CapsChart 'Chart.yaml') "apiVersion: v2`nname: caps`nversion: 0.1.0`n"
        Set-Content (Join-Path $CapsChart 'templates/caps.yaml') @'
kube: "{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Minor }}"
helm: "{{ .Capabilities.HelmVersion.Version }} {{ .Capabilities.HelmVersion.KubeClientVersion }}"
apis: "{{ len .Capabilities.APIVersions }} {{ .Capabilities.APIVersions.Has "a/v1" }} {{ .Capabilities.APIVersions.Has "b/v1" }} {{ .Capabilities.APIVersions.Has "c/v1/Kind" }}"
'@
    }

    It 'gives charts helm template 4.1.4''s capabilities by default' {
        $yaml = Expand-MeshChart -ChartPath $CapsChart
        $yaml | Should -Match '(?m)^kube: "v1\.35\.0 v1\.35\.0 35"$'
        $yaml | Should -Match '(?m)^helm: "v4\.1\.4 v1\.35"$'
        $yaml | Should -Match '(?m)^apis: "57 false false false"$'
    }

    It 'reads -KubeVersion as Helm 4 does and -ApiVersion values as comma-separated lists' {
        $yaml = Expand-MeshChart -ChartPath $CapsChart -KubeVersion v1.27.3-gke.100 -ApiVersion 'a/v1,b/v1', 'c/v1/Kind'
        $yaml | Should -Match '(?m)^kube: "v1\.27\.3 v1\.27\.3-gke\.100 27"$'
        $yaml | Should -Match '(?m)^apis: "60 true true true"$'
    }

    It 'rejects a Kubernetes version helm rejects, with the KubeVersionInvalid id' {
        { Expand-MeshChart -ChartPath $CapsChart -KubeVersion 1 -ErrorAction Stop } | Should -Throw -ErrorId 'KubeVersionInvalid,*'
    }

    It 'rejects an -ApiVersion value that is not CSV, with the ApiVersionsInvalid id' {
        { Expand-MeshChart -ChartPath $CapsChart -ApiVersion 'a"b' -ErrorAction Stop } | Should -Throw -ErrorId 'ApiVersionsInvalid,*'
    }
}
