<#
Adds the fleet table views to the built format file. A cmdlet run over several kubeconfig contexts gives each output
object the type name '<type>#Fleet' first (Hosting/ClusterRun.FleetTypeSuffix); PowerShell then picks the view selected
by that name, which is the type's own table view with a Cluster column in front. Generated from module/MeshOps.Format.ps1xml
at build time, so the fleet views always have the columns and widths of the views they copy. Which types: the output
types deriving from MeshClusterObject (src/MeshOps.Cmdlets/Output).
#>
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $OutputTypesPath
)
$ErrorActionPreference = 'Stop'

$clusterTypes = foreach ($file in Get-ChildItem $OutputTypesPath -Filter '*.cs') {
    foreach ($m in [regex]::Matches((Get-Content $file.FullName -Raw), 'class\s+(\w+)\s*:\s*MeshClusterObject\b')) { 'MeshOps.' + $m.Groups[1].Value }
}
$xml = [xml](Get-Content $Path -Raw)
$definitions = $xml.Configuration.ViewDefinitions
$tables = @($definitions.View | Where-Object { $_.SelectSingleNode('TableControl') -and $clusterTypes -contains $_.ViewSelectedBy.TypeName })
foreach ($view in $tables) {
    $fleet = $view.CloneNode($true)
    $fleet.Name = $view.Name + '.Fleet'
    $fleet.ViewSelectedBy.TypeName = $view.ViewSelectedBy.TypeName + '#Fleet'
    $headers = $fleet.SelectSingleNode('TableControl/TableHeaders')
    $header = $xml.CreateElement('TableColumnHeader')
    $header.InnerXml = '<Label>Cluster</Label><Width>16</Width>'
    $null = $headers.PrependChild($header)
    foreach ($items in $fleet.SelectNodes('TableControl/TableRowEntries/TableRowEntry/TableColumnItems')) {
        $item = $xml.CreateElement('TableColumnItem')
        $item.InnerXml = '<PropertyName>Cluster</PropertyName>'
        $null = $items.PrependChild($item)
    }
    $null = $definitions.AppendChild($fleet)
}
$settings = [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
$writer = [Xml.XmlWriter]::Create($Path, $settings)
try { $xml.Save($writer) } finally { $writer.Dispose() }
"Added $($tables.Count) fleet table views"
