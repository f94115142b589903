# The rendering parameters are declared once (RenderParameters, ReleaseParameters in src/MeshOps.Cmdlets/Commands):
# every cmdlet that renders exposes them alike, and they bind by position, pipeline and alias as before.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $MeshOpsModule -Force

    # Everything a user or a completer sees of a parameter, as text to compare.
    function Get-ParameterShape([string] $Command, [string] $Name) {
        $p = (Get-Command $Command).Parameters[$Name]
        $p | Should -Not -BeNullOrEmpty -Because "$Command has -$Name"
        # The compiler's own attributes (NullableAttribute) are not part of the parameter's contract.
        $attributes = $p.Attributes | Where-Object { $_ -isnot [System.Management.Automation.ParameterAttribute] -and $_.GetType().Namespace -ne 'System.Runtime.CompilerServices' } |
            ForEach-Object {
                $type = $_.GetType().Name
                switch ($_) {
                    { $_ -is [System.Management.Automation.AliasAttribute] } { "$type($($_.AliasNames -join ','))" }
                    { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] } { "$type($($_.Type.FullName))" }
                    default { $type }
                }
            } | Sort-Object
        $binding = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } |
            ForEach-Object { "Position=$($_.Position) Mandatory=$($_.Mandatory) Pipeline=$($_.ValueFromPipeline) ByName=$($_.ValueFromPipelineByPropertyName) Set=$($_.ParameterSetName)" }
        "$($p.ParameterType.FullName) | $($binding -join ';') | $($attributes -join ';')"
    }
}

Describe 'Rendering parameters' {
    It 'are the same on Export-MeshManifest and Install-MeshControlPlane: <_>' -ForEach 'Path', 'Set', 'Profile', 'Revision', 'Namespace', 'ManifestsPath', 'Version' {
        Get-ParameterShape Install-MeshControlPlane $_ | Should -Be (Get-ParameterShape Export-MeshManifest $_)
    }

    It 'that pick the release are the same on Get-MeshProfile: <_>' -ForEach 'ManifestsPath', 'Version' {
        Get-ParameterShape Get-MeshProfile $_ | Should -Be (Get-ParameterShape Export-MeshManifest $_)
    }

    It 'keep -Path at position 0, from the pipeline and by FullName' {
        Get-ParameterShape Export-MeshManifest Path |
            Should -Be 'System.String[] | Position=0 Mandatory=False Pipeline=True ByName=True Set=__AllParameterSets | AliasAttribute(FullName,Filename);NotFromClusterInfoAttribute;ValidateNotNullOrEmptyAttribute'
        Get-ParameterShape Export-MeshManifest Profile | Should -Match 'ArgumentCompleterAttribute\(MeshOps.Cmdlets.Completers.ProfileNameCompleter\)'
        Get-ParameterShape Export-MeshManifest Namespace | Should -Match 'ValidateKubernetesNameAttribute'
        Get-ParameterShape Export-MeshManifest Version | Should -Match 'ArgumentCompleterAttribute\(MeshOps.Cmdlets.Completers.CachedReleaseVersionCompleter\)'
    }

    It 'bind files from Get-ChildItem and by position' -Skip:(-not $HasShared) {
        $file = Join-Path $RepoRoot 'examples/my-config.yaml'
        $byPipe = Get-Item $file | Export-MeshManifest -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Component Base -WarningAction SilentlyContinue
        $byPosition = Export-MeshManifest $file -ManifestsPath $ReleaseManifests -Version $ReleaseVersion -Component Base -WarningAction SilentlyContinue
        $byPipe | Should -Be $byPosition
        $byPipe | Should -Match 'kind: CustomResourceDefinition'
    }

    It 'complete -Profile from the release the other parameters name' -Skip:(-not $HasShared) {
        $line = "Export-MeshManifest -ManifestsPath '$ReleaseManifests' -Version $ReleaseVersion -Profile mini"
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Contain 'minimal'
    }
}
