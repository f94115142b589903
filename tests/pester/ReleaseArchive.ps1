# Builds the manifests folder of a release archive from ../shared's copy of that release's source tree. Dot-sourced.
#
# ../shared's copies keep the development placeholders (hub gcr.io/istio-testing or registry.istio.io/testing, tag
# latest, chart version 1.0.0). Istio's release build stamps the archive it publishes (istio/release-builder,
# pkg/build/helm.go stampChartForRelease/updateValues and archive.go): version and appVersion in the Chart.yaml of
# each chart it releases, the hub and tag placeholders in those charts' values.yaml and in profiles/default.yaml.
# This does the same to a copy, so tests can see what a user of a real archive gets.

# The charts the release build stamps (helmCharts of release-builder; the ones a release lacks are skipped).
$script:StampedCharts = 'base', 'gateway', 'gateways/istio-egress', 'gateways/istio-ingress', 'istio-cni', 'ztunnel',
    'istio-control/istio-discovery', 'istio-operator', 'istiod-remote'

<#
Copies <SharedRoot>/istio/<Version>/release/manifests to <Directory>/istio-<Version>/manifests, stamps it as the release
build does with hub docker.io/istio and tag <Version>, and returns the folder.
#>
function New-ReleaseArchiveManifests([string] $Version, [string] $Directory = $TestDrive) {
    $source = Join-Path $SharedRoot "istio/$Version/release/manifests"
    $target = Join-Path $Directory "istio-$Version/manifests"
    $null = New-Item -ItemType Directory -Force (Split-Path $target)
    Copy-Item $source $target -Recurse
    $files = @(Join-Path $target 'profiles/default.yaml')
    foreach ($chart in $StampedCharts) {
        $folder = Join-Path $target "charts/$chart"
        if (-not (Test-Path (Join-Path $folder 'Chart.yaml'))) { continue }
        $chartFile = Join-Path $folder 'Chart.yaml'
        [IO.File]::WriteAllText($chartFile, ((Get-Content -Raw $chartFile) -replace '(?m)^(version|appVersion): .*$', "`$1: $Version"))
        $files += Join-Path $folder 'values.yaml'
    }
    foreach ($file in $files) {
        $text = Get-Content -Raw $file
        foreach ($hub in 'gcr.io/istio-testing', 'gcr.io/istio-release', 'registry.istio.io/testing') {
            $text = $text.Replace("hub: $hub", 'hub: docker.io/istio').Replace("`"hub`": `"$hub`"", '"hub": "docker.io/istio"')
        }
        $text = $text -replace 'tag: .*-latest-daily', "tag: $Version" -replace 'tag: latest', "tag: $Version" -replace 'tag: 1\..-dev', "tag: $Version" -replace '"tag": "latest"', "`"tag`": `"$Version`""
        [IO.File]::WriteAllText($file, $text)
    }
    $target
}
