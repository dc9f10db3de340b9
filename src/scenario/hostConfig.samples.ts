/**
 * What a Hyper-V administrator sees on a host with two VMs: web01 on VLAN 10 and sql01
 * untagged, each with two network adapters: four VM queues on processors 0:2 to 0:8. Shared by the unit tests and the e2e spec.
 */

export const SAMPLE_VMQ_TABLE = `PS C:\\> Get-NetAdapterVmq

Name                           InterfaceDescription              Enabled BaseVmqProcessor MaxProcessors NumberOfReceive
                                                                                                        Queues
----                           --------------------              ------- ---------------- ------------- ---------------
SLOT 2 Port 1                  Intel(R) Ethernet 10G 2P X520...  True    0:2              8             31
SLOT 2 Port 2                  Intel(R) Ethernet 10G 2P X52...#2 False   0:0              16            31
`;

export const SAMPLE_QUEUE_TABLE = `PS C:\\> Get-NetAdapterVmqQueue

Name                           QueueID MacAddress        VlanID Processor VmFriendlyName
----                           ------- ----------        ------ --------- --------------
SLOT 2 Port 1                  0                         0      0:2       HV-HOST01
SLOT 2 Port 1                  1       00-15-5D-0A-01-01 10     0:2       web01
SLOT 2 Port 1                  2       00-15-5D-0A-01-02 10     0:4       web01
SLOT 2 Port 1                  3       00-15-5D-0A-02-01 0      0:6       sql01
SLOT 2 Port 1                  4       00-15-5D-0A-02-02 0      0:8       sql01
`;

export const SAMPLE_VMQ_JSON = `PS C:\\> Get-NetAdapterVmq -Name "SLOT 2 Port 1" | ConvertTo-Json
{
    "Enabled":  true,
    "BaseProcessorGroup":  0,
    "BaseProcessorNumber":  2,
    "MaxProcessors":  8,
    "MaxProcessorNumber":  16,
    "NumberOfReceiveQueues":  31,
    "NumaNode":  0,
    "Name":  "SLOT 2 Port 1",
    "InterfaceDescription":  "Intel(R) Ethernet 10G 2P X520 Adapter",
    "Caption":  null,
    "PSComputerName":  null
}`;

export const SAMPLE_QUEUE_JSON = `PS C:\\> Get-NetAdapterVmqQueue -Name "SLOT 2 Port 1" | ConvertTo-Json
[
    {
        "Name":  "SLOT 2 Port 1",
        "QueueID":  1,
        "MacAddress":  "00-15-5D-0A-01-01",
        "VlanID":  10,
        "Processor":  "0:2",
        "VmFriendlyName":  "web01",
        "ProcessorGroup":  0,
        "ProcessorAffinityMask":  4,
        "NumFilters":  1
    },
    {
        "Name":  "SLOT 2 Port 1",
        "QueueID":  2,
        "MacAddress":  "00-15-5D-0A-01-02",
        "VlanID":  10,
        "Processor":  "0:4",
        "VmFriendlyName":  "web01",
        "NumFilters":  1
    },
    {
        "Name":  "SLOT 2 Port 1",
        "QueueID":  3,
        "MacAddress":  "00-15-5D-0A-02-01",
        "VlanID":  0,
        "ProcessorGroup":  0,
        "ProcessorAffinityMask":  64,
        "VmFriendlyName":  "sql01",
        "NumFilters":  1
    },
    {
        "Name":  "SLOT 2 Port 1",
        "QueueID":  4,
        "MacAddress":  "00-15-5D-0A-02-02",
        "VlanID":  0,
        "Processor":  "0:8",
        "VmFriendlyName":  "sql01",
        "NumFilters":  1
    }
]`;
