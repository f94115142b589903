# Set-MeshConfig, Get-MeshConfig and Export-MeshInstallation against the loopback API server, with the seed's
# my-config.yaml installed into istio-1-18-5 from Istio 1.18.5's release charts.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'TestApiServer.ps1')
    Import-Module $MeshOpsModule -Force
    $script:SeedFile = Join-Path $RepoRoot 'examples/my-config.yaml'
    $script:Rev = 'istio-1-18-5'
    $script:MeshPath = '/api/v1/namespaces/istio-1-18-5/configmaps/istio-istio-1-18-5'
    $script:RecordPath = '/api/v1/namespaces/istio-1-18-5/configmaps/meshops-install-istio-1-18-5'
    $script:StatePath = '/apis/install.istio.io/v1alpha1/namespaces/istio-1-18-5/istiooperators/installed-state-istio-1-18-5'

    function Install-Seed($Server) {
        $common = @{ Kubeconfig = $Server.Kubeconfig; ManifestsPath = $ReleaseManifests; Version = $ReleaseVersion }
        Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 @common -Confirm:$false 6>$null
    }

    # A pod as the 1.18.5 injector leaves it when it merged metrics: its own prometheus.io annotations moved into
    # ISTIO_PROMETHEUS_ANNOTATIONS, the annotations pointing at the agent's :15020/stats/prometheus.
    function New-InjectedPod($Server, [string] $Name, [string] $Revision = 'istio-1-18-5') {
        $status = @{ initContainers = @('istio-init'); containers = @('istio-proxy'); volumes = @(); imagePullSecrets = $null; revision = $Revision } | ConvertTo-Json -Compress
        $pod = @{
            apiVersion = 'v1'; kind = 'Pod'
            metadata = @{
                name = $Name; namespace = 'test'
                annotations = @{
                    'sidecar.istio.io/status' = $status; 'istio.io/rev' = $Revision
                    'prometheus.io/port' = '15020'; 'prometheus.io/path' = '/stats/prometheus'; 'prometheus.io/scrape' = 'true'
                }
                labels = @{ app = $Name; 'security.istio.io/tlsMode' = 'istio' }
            }
            spec = @{ containers = @(
                @{ name = 'app'; image = 'app:1' }
                @{ name = 'istio-proxy'; image = 'docker.io/istio/proxyv2:1.18.5'; env = @(
                    @{ name = 'ISTIO_PROMETHEUS_ANNOTATIONS'; value = '{"scrape":"true","path":"/metrics","port":"8080"}' }
                    @{ name = 'PROXY_CONFIG'; value = '{"discoveryAddress":"istiod-istio-1-18-5.istio-1-18-5.svc:15012"}' }) }) }
        }
        $null = Invoke-TestApi $Server POST '/api/v1/namespaces/test/pods' $pod
    }

    function Get-Mesh($Server) { (Invoke-TestApi $Server GET $MeshPath).data.mesh }
}

Describe 'Set-MeshConfig on the seed''s install' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:Kube = @{ Kubeconfig = $Server.Kubeconfig }
        Install-Seed $Server
        $null = Invoke-TestApi $Server POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = 'test'; labels = @{ 'istio.io/rev' = $Rev } } }
        New-InjectedPod $Server 'web'
        New-InjectedPod $Server 'elsewhere' -Revision 'canary'
        $script:MeshBefore = Get-Mesh $Server
    }
    AfterAll { Stop-TestApiServer $Server }

    It 'reports no drift after a clean install' {
        $state = Get-MeshConfig -Revision $Rev @Kube -WarningVariable warnings
        $state | Should -BeOfType ([MeshOps.MeshConfigState])
        $state.ConfigMap | Should -Be 'istio-istio-1-18-5'
        $state.Installer | Should -Be 'MeshOps'
        $state.MeshConfig['accessLogFile'] | Should -Be '/dev/stdout'
        $state.Yaml | Should -Be $MeshBefore
        $state.Drift | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
    }

    It 'lists the mesh config as nested YAML, tables the settings the user chose within 120 columns, and stays navigable' {
        $state = Get-MeshConfig -Revision $Rev @Kube 3>$null
        $list = $state | Format-List | Out-String -Width 120
        $list | Should -Not -Match 'System\.Collections'
        $list | Should -Match '(?m)^MeshConfig\s+: accessLogFile: /dev/stdout'
        # Nested maps keep their YAML indentation under the MeshConfig label.
        $list | Should -Match '(?m)^\s+defaultConfig:\s*$'
        $list | Should -Match '(?m)^\s+  discoveryAddress: '
        foreach ($line in ($state.Yaml.TrimEnd() -split "`n")) { $list | Should -Match ([regex]::Escape($line.TrimEnd())) }
        foreach ($width in 80, 120) {
            $table = $state | Format-Table | Out-String -Width $width
            $table | Should -Not -Match 'System\.Collections'
            foreach ($line in ($table -split "`r?`n")) { $line.TrimEnd().Length | Should -BeLessOrEqual $width }
        }
        # The seed's file sets accessLogFile only; the chart's keys (defaultConfig, rootNamespace, ...) are not the user's.
        $state.ChangedSettings | Should -Be @('accessLogFile')
        $table = $state | Format-Table | Out-String -Width 120
        $table | Should -Match '(?m)^Revision\s.*\sChanged\s*$'
        $table | Should -Match '(?m)^istio-1-18-5\s.*\saccessLogFile\s*$'
        $state.MeshConfig.defaultConfig.discoveryAddress | Should -Match '^istiod-istio-1-18-5\.'
        $state.MeshConfig.defaultConfig | Should -BeOfType ([System.Collections.IDictionary])
    }

    It '-WhatIf shows the change and writes nothing' {
        $before = (Invoke-TestApi $Server GET $MeshPath).metadata.resourceVersion
        $recordBefore = (Invoke-TestApi $Server GET $RecordPath).metadata.resourceVersion
        # The plan goes to the host ("What if: ... set meshConfig.enablePrometheusMerge from true to false ..."); no objects, no writes.
        Set-MeshConfig -Revision $Rev -EnablePrometheusMerge $false @Kube -WhatIf | Should -BeNullOrEmpty
        (Invoke-TestApi $Server GET $MeshPath).metadata.resourceVersion | Should -Be $before
        (Invoke-TestApi $Server GET $RecordPath).metadata.resourceVersion | Should -Be $recordBefore
    }

    It 'changes only enablePrometheusMerge, records it, and lists the injected pod as affected' {
        $change = Set-MeshConfig -Revision $Rev -EnablePrometheusMerge $false @Kube -Confirm:$false -WarningVariable warnings
        $change | Should -BeOfType ([MeshOps.MeshConfigChange])
        $change.Setting | Should -Be 'meshConfig.enablePrometheusMerge'
        $change.OldValue | Should -BeTrue
        $change.NewValue | Should -BeFalse
        $change.Changed | Should -BeTrue
        $change.TakesEffect | Should -Be 'NextInjection'
        $change.AffectedPods | Should -Be @('test/web')
        $warnings | Should -Match 'test/web'

        $after = Get-Mesh $Server
        $before = $MeshBefore -split "`n"
        $lines = $after -split "`n"
        $lines.Count | Should -Be $before.Count
        @($lines | Where-Object { $_ -notin $before }) | Should -Be @('enablePrometheusMerge: false')
        $after | Should -Match 'discoveryAddress: istiod-istio-1-18-5.istio-1-18-5.svc:15012'
        $after | Should -Match '(?m)^defaultProviders:'
        (Invoke-TestApi $Server GET $MeshPath).data.meshNetworks | Should -Not -BeNullOrEmpty

        $record = Invoke-TestApi $Server GET $RecordPath
        $record.data.meshConfigChanges | Should -Match 'enablePrometheusMerge: false'
        $record.data.istioOperator | Should -Match 'enablePrometheusMerge: false'
        $record.data.meshConfigChangedAt | Should -Not -BeNullOrEmpty
        (Invoke-TestApi $Server GET $StatePath).spec.meshConfig.enablePrometheusMerge | Should -BeFalse
        $state = Get-MeshConfig $Rev @Kube
        $state.Drift | Should -BeNullOrEmpty
        # The seed's choice and Set-MeshConfig's, nothing the chart or profile wrote.
        $state.ChangedSettings | Should -Be @('accessLogFile', 'enablePrometheusMerge')
        $state | Format-Table | Out-String -Width 120 | Should -Match '(?m)^istio-1-18-5\s.*\saccessLogFile, enablePrometheusMerge\s*$'
    }

    It 'writes nothing when the same change runs again' {
        $mesh = (Invoke-TestApi $Server GET $MeshPath).metadata.resourceVersion
        $record = (Invoke-TestApi $Server GET $RecordPath).metadata.resourceVersion
        $change = Set-MeshConfig -Revision $Rev -EnablePrometheusMerge $false @Kube -Confirm:$false
        $change.Changed | Should -BeFalse
        $change.AffectedPods | Should -BeNullOrEmpty
        (Invoke-TestApi $Server GET $MeshPath).metadata.resourceVersion | Should -Be $mesh
        (Invoke-TestApi $Server GET $RecordPath).metadata.resourceVersion | Should -Be $record
    }

    It 'takes revisions from Get-MeshRevision and settings in -Set syntax' {
        $change = Get-MeshRevision $Rev @Kube | Set-MeshConfig -Set 'meshConfig.accessLogEncoding=JSON', 'meshConfig.defaultConfig.holdApplicationUntilProxyStarts=true' @Kube -Confirm:$false 3>$null
        $change.Count | Should -Be 2
        $change[0].Setting | Should -Be 'meshConfig.accessLogEncoding'
        $change[0].TakesEffect | Should -Be 'Immediate'
        $change[1].NewValue | Should -BeOfType ([bool])
        $change[1].AffectedPods | Should -Be @('test/web')
        $mesh = Get-Mesh $Server
        $mesh | Should -Match 'accessLogEncoding: JSON'
        $mesh | Should -Match '  holdApplicationUntilProxyStarts: true'
        $mesh | Should -Match 'discoveryAddress: istiod-istio-1-18-5'
    }

    It 'merges -MeshConfig as a hashtable or YAML, and typed parameters' {
        Set-MeshConfig $Rev -MeshConfig @{ defaultConfig = @{ concurrency = 2 } } -OutboundTrafficPolicy REGISTRY_ONLY @Kube -Confirm:$false 3>$null | Out-Null
        Set-MeshConfig $Rev -MeshConfig "enableTracing: false`ndefaultConfig:`n  proxyMetadata:`n    ISTIO_META_DNS_CAPTURE: 'true'" @Kube -Confirm:$false 3>$null | Out-Null
        $mesh = ConvertFrom-Json ((Get-MeshConfig $Rev @Kube).MeshConfig | ConvertTo-Json -Depth 10)
        $mesh.defaultConfig.concurrency | Should -Be 2
        $mesh.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE | Should -Be 'true'
        $mesh.defaultConfig.holdApplicationUntilProxyStarts | Should -BeTrue
        $mesh.defaultConfig.discoveryAddress | Should -Be 'istiod-istio-1-18-5.istio-1-18-5.svc:15012'
        $mesh.outboundTrafficPolicy.mode | Should -Be 'REGISTRY_ONLY'
        $mesh.enableTracing | Should -BeFalse
        $mesh.accessLogFile | Should -Be '/dev/stdout'
        (Get-MeshConfig $Rev @Kube).Drift | Should -BeNullOrEmpty
    }

    It 'rejects a setting outside meshConfig with a stable error' {
        { Set-MeshConfig $Rev -Set 'values.global.hub=x' @Kube -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMeshConfigSetting*'
    }

    It 'refuses an unknown or mistyped meshConfig setting before anything is written, naming each path' {
        $before = Get-Mesh $Server
        $null = Invoke-TestApi $Server DELETE '/__admin/requests'
        $err = $null
        try {
            Set-MeshConfig $Rev -Set 'meshConfig.accessLogFormatt=%START_TIME%', 'meshConfig.defaultConfig.drainDuration=forever' -MeshConfig @{ enableTracing = 'yes' } @Kube -Confirm:$false -ErrorAction Stop
        }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidMeshConfigSetting,*'
        $err.Exception.Message | Should -Match 'meshConfig\.accessLogFormatt: unknown field .*did you mean "accessLogFormat"'
        $err.Exception.Message | Should -Match 'meshConfig\.defaultConfig\.drainDuration: "forever" is not a duration'
        $err.Exception.Message | Should -Match 'meshConfig\.enableTracing is the string "yes"; it must be true or false'
        # The revision is read (its release decides what is valid); nothing is written.
        @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin*' -and $_.verb -in 'create', 'update', 'patch', 'delete', 'apply' }) | Should -BeNullOrEmpty
        Get-Mesh $Server | Should -Be $before
    }

    It 'exports an IstioOperator that installs to the same objects' {
        $file = Join-Path $TestDrive 'exported.yaml'
        Export-MeshInstallation -Revision $Rev -Path $file @Kube -WhatIf
        Test-Path $file | Should -BeFalse
        $info = Export-MeshInstallation -Revision $Rev -Path $file @Kube -Confirm:$false
        $info | Should -BeOfType ([System.IO.FileInfo])
        $text = Get-Content $file -Raw
        $text | Should -Be (Export-MeshInstallation $Rev @Kube)
        $text | Should -Match 'enablePrometheusMerge: false'
        $text | Should -Match 'accessLogFile: /dev/stdout'
        $text | Should -Match 'istioNamespace: istio-1-18-5' -Because '-Namespace of the install is part of the file, so it needs no flags'

        $meshBefore = Get-Mesh $Server
        $exportedManifest = Export-MeshManifest -Path $file -ManifestsPath $ReleaseManifests -Version $ReleaseVersion
        $exportedManifest | Should -Match ([regex]::Escape('enablePrometheusMerge: false'))
        Install-MeshControlPlane -Path $file -Kubeconfig $Server.Kubeconfig -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Confirm:$false -WarningVariable warnings 6>$null
        $warnings | Where-Object { "$_" -match 'reverts' } | Should -BeNullOrEmpty
        Get-Mesh $Server | Should -Be $meshBefore
        (Get-MeshConfig $Rev @Kube).Drift | Should -BeNullOrEmpty
    }

    It 'Install-MeshControlPlane with the original file warns about each setting it reverts' {
        Install-MeshControlPlane -Path $SeedFile -Namespace istio-1-18-5 -Kubeconfig $Server.Kubeconfig -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Confirm:$false -WarningVariable warnings 6>$null
        $text = $warnings | Out-String
        $text | Should -Match 'meshConfig.enablePrometheusMerge: set to false by Set-MeshConfig'
        $text | Should -Match 'meshConfig.accessLogEncoding: set to JSON by Set-MeshConfig'
        Get-Mesh $Server | Should -Match 'enablePrometheusMerge: true'
    }
}

Describe 'Get-MeshConfig and the seed''s hand-edited installed-state' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:Kube = @{ Kubeconfig = $Server.Kubeconfig }
        Install-Seed $Server
        # What the seed's author did: kubectl edit IstioOperator installed-state-istio-1-18-5, enablePrometheusMerge: false.
        $null = Invoke-TestApi $Server PATCH $StatePath '{"spec":{"meshConfig":{"enablePrometheusMerge":false}}}' 'application/merge-patch+json'
    }
    AfterAll { Stop-TestApiServer $Server }

    It 'reports the edit as not applied, with both values' {
        $state = Get-MeshConfig @Kube -WarningVariable warnings
        $state.Revision | Should -Be $Rev
        $drift = $state.Drift | Where-Object Source -EQ 'InstalledState'
        $drift | Should -HaveCount 1
        $drift.Setting | Should -Be 'meshConfig.enablePrometheusMerge'
        $drift.SourceValue | Should -BeFalse
        $drift.LiveValue | Should -BeTrue
        $drift.SourceName | Should -Be 'istio-1-18-5/installed-state-istio-1-18-5'
        $drift.Message | Should -Be 'not applied: nothing reconciles installed-state; run Set-MeshConfig or Install-MeshControlPlane'
        ($warnings | Out-String) | Should -Match 'meshConfig.enablePrometheusMerge is false in InstalledState'
        ($drift | Out-String -Width 300) | Should -Match 'not applied'
        $list = $state | Format-List | Out-String -Width 120
        $list | Should -Not -Match 'System\.Collections'
        $list | Should -Match 'meshConfig\.enablePrometheusMerge: InstalledState'
        $driftList = $drift | Format-List | Out-String -Width 120
        $driftList | Should -Match '(?m)^SourceValue\s+: false'
        $driftList | Should -Not -Match 'System\.Collections'
    }

    It 'clears once Set-MeshConfig applies the setting' {
        Set-MeshConfig $Rev -EnablePrometheusMerge $false @Kube -Confirm:$false | Out-Null
        (Get-MeshConfig $Rev @Kube).Drift | Should -BeNullOrEmpty
    }

    It 'without an install record (as after istioctl), names installed-state''s meshConfig settings as changed' {
        $null = Invoke-TestApi $Server DELETE $RecordPath
        $state = Get-MeshConfig $Rev @Kube 3>$null
        $state.InstallRecord | Should -BeNullOrEmpty
        $stateMesh = (Invoke-TestApi $Server GET $StatePath).spec.meshConfig
        $state.ChangedSettings | Should -Contain 'accessLogFile'
        $state.ChangedSettings | Should -Contain 'enablePrometheusMerge'
        # Each is a leaf installed-state sets; none is a key only the chart writes into the ConfigMap.
        foreach ($path in $state.ChangedSettings) {
            $node = $stateMesh
            foreach ($key in $path -split '\.') { $node.PSObject.Properties.Name | Should -Contain $key; $node = $node.$key }
        }
        $state.ChangedSettings | Should -Not -Contain 'rootNamespace'
        $state.ChangedSettings | Should -Not -Contain 'defaultConfig.discoveryAddress'
    }
}

Describe 'Set-MeshConfig follows the release of the revision it changes' -Skip:(-not $HasShared) {
    BeforeAll {
        $script:Server = Start-TestApiServer
        $script:Kube = @{ Kubeconfig = $Server.Kubeconfig }
        # ../shared's copies name development images (3>$null: that warning); each install record names its release.
        Install-MeshControlPlane -Profile minimal -Revision 1-18-5 -ManifestsPath $ReleaseManifests -Version $ReleaseVersion @Kube -Confirm:$false 6>$null 3>$null
        Install-MeshControlPlane -Profile minimal -Revision 1-28-10 -ManifestsPath (Join-Path $SharedRoot 'istio/1.28.10/release/manifests') -Version 1.28.10 @Kube -Confirm:$false 6>$null 3>$null
        function Get-RevisionMesh([string] $Revision) { (Invoke-TestApi $Server GET "/api/v1/namespaces/istio-system/configmaps/istio-$Revision").data.mesh }
        # defaultConfig.proxyHeaders came with Istio 1.19 (MeshConfigSchemaChanges).
        $script:ProxyHeaders = @{ proxyHeaders = @{ server = @{ disabled = $true } } }
    }
    AfterAll { Stop-TestApiServer $Server }

    It 'a 1.28.10 revision, piped from Get-MeshRevision, takes a field 1.19 added and istio-1-28-10 holds it' {
        $revision = Get-MeshRevision 1-28-10 @Kube
        $revision.IstioVersion | Should -Be '1.28.10'
        $change = $revision | Set-MeshConfig -DefaultConfig $ProxyHeaders -Set 'meshConfig.inboundTrafficPolicy.mode=LOCALHOST' @Kube -Confirm:$false -WarningVariable warnings 3>$null
        $change.Setting | Should -Be @('meshConfig.defaultConfig.proxyHeaders.server.disabled', 'meshConfig.inboundTrafficPolicy.mode')
        $change.Changed | Should -Be @($true, $true)
        $warnings | Should -BeNullOrEmpty
        $mesh = Get-RevisionMesh 1-28-10
        $mesh | Should -Match '(?m)^  proxyHeaders:\n    server:\n      disabled: true$'
        $mesh | Should -Match '(?m)^inboundTrafficPolicy:\n  mode: LOCALHOST$'
    }

    It 'Get-MeshConfig reads the 1.28.10 revision''s new fields, with no drift' {
        $config = Get-MeshConfig 1-28-10 @Kube
        $mesh = ConvertFrom-Json ($config.MeshConfig | ConvertTo-Json -Depth 10)
        $mesh.defaultConfig.proxyHeaders.server.disabled | Should -BeTrue
        $mesh.inboundTrafficPolicy.mode | Should -Be 'LOCALHOST'
        $config.Drift | Should -BeNullOrEmpty
    }

    It 'a 1.18.5 revision refuses the same settings, naming the release that added each, and nothing is written' {
        $before = Get-RevisionMesh 1-18-5
        $null = Invoke-TestApi $Server DELETE '/__admin/requests'
        $err = $null
        try { Get-MeshRevision 1-18-5 @Kube | Set-MeshConfig -DefaultConfig $ProxyHeaders -Set 'meshConfig.inboundTrafficPolicy.mode=LOCALHOST' @Kube -Confirm:$false -ErrorAction Stop }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidMeshConfigSetting,*'
        $err.Exception.Message | Should -Match 'meshConfig\.defaultConfig\.proxyHeaders: unknown field .*Istio 1\.19 added it, and these are Istio 1\.18''s rules'
        $err.Exception.Message | Should -Match 'meshConfig\.inboundTrafficPolicy: unknown field .*Istio 1\.22 added it'
        @((Get-TestApiRequests $Server).entries | Where-Object { $_.path -notlike '/__admin*' -and $_.verb -in 'create', 'update', 'patch', 'delete', 'apply' }) | Should -BeNullOrEmpty
        Get-RevisionMesh 1-18-5 | Should -Be $before
        $mesh = ConvertFrom-Json ((Get-MeshConfig 1-18-5 @Kube).MeshConfig | ConvertTo-Json -Depth 10)
        $mesh.defaultConfig.PSObject.Properties.Name | Should -Not -Contain 'proxyHeaders'
        $mesh.defaultConfig.discoveryAddress | Should -Be 'istiod-1-18-5.istio-system.svc:15012'
    }

    It 'a revision that does not tell its release is checked with the newest rules, and warns once for each thing to know' {
        # Without MeshOps' record, only istiod tells: development images (tag latest, chart version 1.0.0) say nothing.
        $null = Invoke-TestApi $Server DELETE '/api/v1/namespaces/istio-system/configmaps/meshops-install-1-28-10'
        (Get-MeshRevision 1-28-10 @Kube).IstioVersion | Should -BeNullOrEmpty
        $change = Set-MeshConfig 1-28-10 -OutboundTrafficPolicy ALLOW_ANY_DYNAMIC_DNS -Set 'meshConfig.accessLogFormatt=x' @Kube -Confirm:$false -WarningVariable warnings 3>$null
        $change.Changed | Should -Be @($true, $true)
        $warnings.Count | Should -Be 2
        $warnings[0] | Should -Match '^Revision 1-28-10 does not tell its Istio release .*Istio 1\.\d+''s mesh config rules, the newest MeshOps knows'
        $warnings[1] | Should -Match 'meshConfig\.accessLogFormatt: unknown field .*did you mean "accessLogFormat"'
        Get-RevisionMesh 1-28-10 | Should -Match '(?m)^  mode: ALLOW_ANY_DYNAMIC_DNS$'
    }
}
