# Every table view of module/MeshOps.Format.ps1xml, formatted at 80 and 120 columns with realistic long-ish values:
# headers stay whole words, and at 120 every column shows, no line is wider, and values are cut only in the last
# (open-ended) column. At 80 the trailing columns may drop out, never the first (the most useful) ones.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # The built module's format file: it holds every view the module loads, those the build adds included.
    $formatFile = Join-Path (Split-Path $MeshOpsModule) 'MeshOps.Format.ps1xml'
    $script:TableViews = foreach ($view in ([xml](Get-Content -Raw $formatFile)).Configuration.ViewDefinitions.View) {
        if (-not $view.TableControl) { continue }
        $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
        $items = @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
        $labels = for ($i = 0; $i -lt $headers.Count; $i++) { if ($headers[$i].Label) { $headers[$i].Label } else { $items[$i].PropertyName } }
        @{
            Name = $view.Name; TypeName = $view.ViewSelectedBy.TypeName; Labels = @($labels)
            Properties = @($items | Where-Object PropertyName | ForEach-Object PropertyName)
            # A view the build derives from another (MeshOps.MeshRevision#Fleet: a Cluster column in front) keeps that
            # view's widths, so at 120 it may drop trailing columns as the plain view does at 80.
            Derived = $view.ViewSelectedBy.TypeName -match '#'
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force

    # Realistic values on the long side: revisions like istio-1-28-10, versions like 1.28.10-rc.1, namespaces of 30+ characters.
    $longNs = 'payments-processing-eu-west-prod'
    $pod = 'payments-api-7d9f8b6c5d-x2k4p'
    function New-Sample([string] $TypeName, [hashtable] $Properties) {
        # The kubeconfig context an object came from, for views that show it (several clusters in one pipeline).
        if (-not $Properties.ContainsKey('Cluster')) { $Properties.Cluster = 'prod-eu-west-1' }
        $o = [pscustomobject]$Properties
        $o.PSObject.TypeNames.Insert(0, $TypeName)
        $o
    }
    $restart = New-Sample 'MeshOps.MeshPodRestart' @{ Namespace = $longNs; Name = $pod; CurrentRevision = 'istio-1-27-3'; TargetRevision = 'istio-1-28-10'; OwnerKind = 'ReplicaSet'; OwnerName = 'payments-api-7d9f8b6c5d' }
    $drift = New-Sample 'MeshOps.MeshConfigDrift' @{ Revision = 'istio-1-28-10'; Setting = 'defaultConfig.holdApplicationUntilProxyStarts'; Source = 'InstalledState'; SourceName = 'installed-state-istio-1-28-10'
        SourceValue = $true; LiveValue = $false; LiveSet = $true; Message = 'changed in the ConfigMap after the install; nothing applied it' }
    $script:Samples = @{
        'MeshOps.MeshRevision'      = New-Sample 'MeshOps.MeshRevision' @{ Name = 'istio-1-28-10'; Namespace = 'istio-system'; IstioVersion = '1.28.10-rc.1'; Profile = 'openshift'
            Replicas = 2; ReadyReplicas = 2; Tags = @('default', 'prod-stable'); Namespaces = @(1..120 | ForEach-Object { "ns-$_" }); SidecarPods = 12345; Installer = 'Istioctl'; InstalledAt = [DateTimeOffset]::Now }
        'MeshOps.MeshRevisionTag'   = New-Sample 'MeshOps.MeshRevisionTag' @{ Tag = 'prod-stable'; Revision = 'istio-1-28-10'; ControlPlaneNamespace = 'istio-system'
            WebhookNames = @('istio-revision-tag-prod-stable'); Namespaces = @($longNs, 'checkout-frontend-eu-west-prod', 'inventory-sync-eu-west-prod') }
        'MeshOps.MeshApplyOutcome'  = New-Sample 'MeshOps.MeshApplyOutcome' @{ Action = 'Unchanged'; Component = 'IngressGateways'; Kind = 'ValidatingWebhookConfiguration'
            Namespace = 'istio-1-28-10'; Name = 'istio-validator-istio-1-28-10-istio-system'; ChangedFields = @() }
        'MeshOps.MeshProfile'       = New-Sample 'MeshOps.MeshProfile' @{ Name = 'openshift-ambient'; ManifestsPath = '/home/user/.cache/meshops/releases/1.28.10-rc.1/manifests'
            EnabledComponents = @('Base', 'Pilot', 'Cni', 'Ztunnel', 'IngressGateways'); IstioOperator = @{}; Yaml = '' }
        'MeshOps.MeshRelease'       = New-Sample 'MeshOps.MeshRelease' @{ Version = '1.28.10-rc.1'; Path = '/home/user/.cache/meshops/releases/1.28.10-rc.1'
            Sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'; Source = 'https://github.com/istio/istio/releases/download/1.28.10-rc.1/istio-1.28.10-rc.1-linux-amd64.tar.gz'
            SavedAt = [DateTimeOffset]::Now }
        'MeshOps.MeshNamespace'     = New-Sample 'MeshOps.MeshNamespace' @{ Name = $longNs; RevisionLabel = 'istio-1-28-10'; InjectionLabel = 'enabled'; InjectedBy = 'istio-1-28-10'
            Pods = 1234; PodsToRestart = @($restart); RestartCount = 1 }
        'MeshOps.MeshPodRestart'    = $restart
        'MeshOps.MeshConfigChange'  = New-Sample 'MeshOps.MeshConfigChange' @{ Revision = 'istio-1-28-10'; Setting = 'defaultConfig.holdApplicationUntilProxyStarts'
            OldValue = $null; NewValue = $true; Changed = $true; TakesEffect = 'NextInjection'; Note = 'pods pick it up when re-created'; AffectedPods = @(1..250 | ForEach-Object { "$longNs/$pod-$_" }) }
        'MeshOps.MeshConfigState'   = New-Sample 'MeshOps.MeshConfigState' @{ Revision = 'istio-1-28-10'; Namespace = 'istio-system'; ConfigMap = 'istio-istio-1-28-10'
            MeshConfig = [ordered]@{ accessLogFile = '/dev/stdout'; defaultConfig = @{ discoveryAddress = 'istiod-istio-1-28-10.istio-system.svc:15012' }; enablePrometheusMerge = $false }
            Yaml = 'accessLogFile: /dev/stdout'; Installer = 'MeshOps'; InstalledState = 'installed-state-istio-1-28-10'; InstallRecord = 'meshops-install-istio-1-28-10'; Drift = @($drift)
            ChangedSettings = @('accessLogFile', 'defaultConfig.holdApplicationUntilProxyStarts', 'defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE', 'enablePrometheusMerge') }
        'MeshOps.MeshConfigDrift'   = $drift
        'MeshOps.MeshWorkload'      = New-Sample 'MeshOps.MeshWorkload' @{ Namespace = $longNs; Pod = $pod; Kind = 'Deployment'; Name = 'payments-api'; Workload = 'Deployment/payments-api'
            OwnerKind = 'ReplicaSet'; OwnerName = 'payments-api-7d9f8b6c5d'; Revision = 'istio-1-27-3'; ProxyImage = 'docker.io/istio/proxyv2:1.28.10-rc.1'; ProxyVersion = '1.28.10-rc.1'
            NamespaceRevision = 'istio-1-28-10'; TargetRevision = 'istio-1-28-10'; OutOfDate = $true; Ready = $true; Phase = 'Running' }
        'MeshOps.MeshManifestObject' = New-Sample 'MeshOps.MeshManifestObject' @{ Component = 'IngressGateways'; ApiVersion = 'admissionregistration.k8s.io/v1'; Kind = 'ValidatingWebhookConfiguration'
            Namespace = 'istio-1-28-10'; Name = 'istio-validator-istio-1-28-10-istio-system'; Yaml = 'kind: ValidatingWebhookConfiguration' }
        'MeshOps.MeshChartDocument' = New-Sample 'MeshOps.MeshChartDocument' @{ Source = 'istiod/templates/validatingwebhookconfiguration.yaml'; ApiVersion = 'admissionregistration.k8s.io/v1'
            Kind = 'ValidatingWebhookConfiguration'; Namespace = 'istio-system'; Name = 'istio-validator-istio-system'; Yaml = 'kind: ValidatingWebhookConfiguration' }
        'MeshOps.MeshClusterInfo'   = New-Sample 'MeshOps.MeshClusterInfo' @{ Context = 'prod-eu-west-1-blue'; Current = $true; Server = 'https://prod-eu-west-1.example.com:6443'
            DefaultNamespace = 'istio-system'; Reachable = $false; KubernetesVersion = 'v1.31.4-gke.1'; Revisions = @('istio-1-27-3', 'istio-1-28-10')
            Reason = 'connection refused (https://prod-eu-west-1.example.com:6443)' }
        'MeshOps.MeshWorkloadMove'  = New-Sample 'MeshOps.MeshWorkloadMove' @{ Namespace = $longNs; Name = $longNs; Outcome = 'RolledBack'; From = 'istio-1-27-3'; To = 'istio-1-28-10'; Batch = 12
            Workloads = @('Deployment/payments-api', 'StatefulSet/payments-db'); UnownedPods = @(); Message = 'health gate failed: Deployment/payments-api: 1 of 2 pods CrashLoopBackOff' }
    }

    # The header line is the one above the dashes; a label is whole when it is one of the header's words.
    # A view selected by a derived type name (MeshOps.MeshRevision#Fleet) formats the sample of its base type under that name.
    function Get-Sample([string] $TypeName) {
        $sample = $Samples[($TypeName -replace '#.*$')]
        if ($null -eq $sample -or $TypeName -notmatch '#') { return $sample }
        $copy = $sample.PSObject.Copy()
        $copy.PSObject.TypeNames.Insert(0, $TypeName)
        $copy
    }

    function Get-Table($Sample, [int] $Width) {
        $lines = @(($Sample | Format-Table | Out-String -Width $Width) -split "`r?`n")
        $dashes = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^-+( +-+)*\s*$' })
        $dashes | Should -BeGreaterThan 0 -Because "the table must have a header:`n$($lines -join "`n")"
        [pscustomobject]@{ Lines = $lines; Header = $lines[$dashes - 1]; Dashes = $lines[$dashes]; Row = $lines[$dashes + 1] }
    }
}

Describe 'Table view <Name>' -ForEach $TableViews {
    It 'has a sample with every property the view shows' {
        $Samples.Keys | Should -Contain ($TypeName -replace '#.*$') -Because "every table view needs a sample object in this test"
        foreach ($property in $Properties) { (Get-Sample $TypeName).PSObject.Properties.Name | Should -Contain $property }
    }

    if (-not $Derived) { It 'shows every column at 120 with whole headers, no line wider, and values cut only in the last column' {
        $table = Get-Table (Get-Sample $TypeName) 120
        $words = @($table.Header.Trim() -split ' {1,}')
        # Labels are single words (istio.io/rev, istio-injection), so the header's words are the labels, in order.
        $words | Should -Be $Labels -Because "the header at 120 must show every column whole:`n$($table.Lines -join "`n")"
        foreach ($line in $table.Lines) { $line.TrimEnd().Length | Should -BeLessOrEqual 120 -Because "no line may exceed 120:`n$($table.Lines -join "`n")" }
        $lastStart = ([regex]::Matches($table.Dashes, '-+') | Select-Object -Last 1).Index
        $table.Row.Substring(0, [Math]::Min($lastStart, $table.Row.Length)) | Should -Not -Match '…' -Because "only the last column may cut a value at 120:`n$($table.Lines -join "`n")"
    } }

    It 'keeps the first columns with whole headers at <_>' -ForEach @(80, 120) {
        $width = $_
        $table = Get-Table (Get-Sample $TypeName) $width
        $words = @($table.Header.Trim() -split ' {1,}')
        $words.Count | Should -BeGreaterOrEqual ([Math]::Min(3, $Labels.Count)) -Because "$width columns must still show the first columns:`n$($table.Lines -join "`n")"
        $words | Should -Be ($Labels | Select-Object -First $words.Count) -Because "columns drop from the end, and no header is cut:`n$($table.Lines -join "`n")"
        foreach ($line in $table.Lines) { $line.TrimEnd().Length | Should -BeLessOrEqual $width }
    }
}

Describe 'Table views of real objects' {
    It 'Get-MeshProfile fits 80 columns' -Skip:(-not $HasShared) {
        $text = Get-MeshProfile -ManifestsPath $ReleaseManifests -Version $ReleaseVersion | Format-Table | Out-String -Width 80
        foreach ($line in $text -split "`r?`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $text | Should -Match '(?m)^Name\s+EnabledComponents\s*$'
        $text | Should -Match '(?m)^default\s+Base, Pilot, IngressGateways'
    }
}
